CREATE (p:Probe {token: $token, at: datetime()}) RETURN p.token AS token
