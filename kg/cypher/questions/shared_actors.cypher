// title: Actors shared between two objectives
// description: The country's actors holding responsibilities (objective- or action-level) for
//   both GCM objectives, with the roles they hold on each.
// param country: ISO3 code of the country (example: BGD)
// param objective_a:int: a GCM objective number (example: 6)
// param objective_b:int: another GCM objective number (example: 7)
// columns: actor, name, roles_a:list, roles_b:list
MATCH (c:Country {code: $country})<-[:IN_COUNTRY]-(x:Actor)
MATCH (x)-[:HOLDS]->(ra:Responsibility)-[:FOR_OBJECTIVE]->(:GCMObjective {number: $objective_a})
MATCH (x)-[:HOLDS]->(rb:Responsibility)-[:FOR_OBJECTIVE]->(:GCMObjective {number: $objective_b})
RETURN x.code AS actor, x.label AS name, collect(DISTINCT ra.role) AS roles_a, collect(DISTINCT rb.role) AS roles_b
ORDER BY actor
