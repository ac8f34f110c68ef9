// The uniqueness constraints this tool created (names start with migkg_).
SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties
WHERE name STARTS WITH 'migkg_'
RETURN name, type, labelsOrTypes, properties
ORDER BY name
