// The nodes of the networkx projection for one country (with the shared reference layer) or,
// when $scopes is null, for every country: labels and properties, as kg.neo4j_mapping wrote them.
// param dataset: the _dataset the sync wrote (example: migration-kg)
// param scopes: "" (reference layer) and the ISO3 code, or null for every country (example: ["", "BGD"])
MATCH (n:MigrationCategory|Source|GCMObjective|GCMAction|GuidingPrinciple|SDGGoal|SDGTarget|SDGIndicator|Country|Actor|PolicyInstrument|Responsibility)
WHERE n._dataset = $dataset AND ($scopes IS NULL OR n._scope IN $scopes)
RETURN labels(n) AS labels, properties(n) AS props
