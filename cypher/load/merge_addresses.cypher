// Shared Address nodes (one per normalised address), distinct within the batch.
UNWIND $rows AS a
MERGE (x:Address {address_key: a.address_key})
  ON CREATE SET x.street = a.street, x.city = a.city, x.state = a.state,
                x.postal_code = a.postal_code, x.country = a.country
