// Shared Phone nodes (one per E.164 number), distinct within the batch.
UNWIND $rows AS p
MERGE (x:Phone {e164: p.e164}) ON CREATE SET x.raw = p.raw
