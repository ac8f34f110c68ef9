// The relationships between the projection's nodes (see projection_nodes.cypher); the derived
// RESPONSIBLE_FOR shortcuts are left out (the projection reaches objectives through the
// Responsibility node).
// param dataset: the _dataset the sync wrote (example: migration-kg)
// param scopes: "" (reference layer) and the ISO3 code, or null for every country (example: ["", "BGD"])
MATCH (a:MigrationCategory|Source|GCMObjective|GCMAction|GuidingPrinciple|SDGGoal|SDGTarget|SDGIndicator|Country|Actor|PolicyInstrument|Responsibility)-[r]->(b)
WHERE r._dataset = $dataset AND type(r) <> 'RESPONSIBLE_FOR'
  AND ($scopes IS NULL OR (a._scope IN $scopes AND b._scope IN $scopes))
RETURN a.uri AS start, type(r) AS type, b.uri AS end, properties(r) AS props
