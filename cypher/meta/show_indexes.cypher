SHOW INDEXES YIELD name, type, options RETURN name, type, options
