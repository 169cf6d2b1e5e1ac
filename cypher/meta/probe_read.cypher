MATCH (p:Probe {token: $token}) RETURN p.token AS token
