# The API image for docker-compose.yml (production: external Neo4j, RS256/ES256 tokens).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY idgraph idgraph
COPY graph graph
COPY resolver resolver
COPY api api
COPY loaders loaders
COPY normalize normalize
COPY synth synth
COPY cypher cypher
RUN pip install --no-cache-dir .
USER nobody
EXPOSE 8000
CMD ["idgraph", "serve"]
