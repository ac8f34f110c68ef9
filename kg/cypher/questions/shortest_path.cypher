// title: Shortest path between two actors
// description: Every shortest chain (at most 10 steps) linking two different actors of the country
//   through the organisational hierarchy (PART_OF), coordination bodies (MEMBER_OF) and the GCM
//   objectives both hold responsibilities for (RESPONSIBLE_FOR); objectives show as "objective N".
// param country: ISO3 code of the country (example: BGD)
// param from_actor: actor id where the path starts (example: moha)
// param to_actor: actor id where it ends (example: bmet)
// columns: path, length:int
MATCH (c:Country {code: $country})
MATCH (a:Actor {code: $from_actor})-[:IN_COUNTRY]->(c)
MATCH (b:Actor {code: $to_actor})-[:IN_COUNTRY]->(c)
WHERE a <> b
MATCH p = allShortestPaths((a)-[:PART_OF|MEMBER_OF|RESPONSIBLE_FOR*..10]-(b))
WHERE all(n IN nodes(p) WHERE n:GCMObjective OR n.country = $country)
WITH DISTINCT [n IN nodes(p) | CASE WHEN n:GCMObjective THEN 'objective ' + n.code ELSE n.code END] AS steps
RETURN reduce(s = head(steps), step IN tail(steps) | s + ' > ' + step) AS path, size(steps) - 1 AS length
ORDER BY path
