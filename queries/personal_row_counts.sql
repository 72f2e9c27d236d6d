-- How many personal rows the store holds: residents, participants, programme members, matched
-- persons, the visits' results.
SELECT (SELECT count(*) FROM resident) AS residents,
       (SELECT count(*) FROM participant) AS participants,
       (SELECT count(*) FROM programme_member) AS programme_members,
       (SELECT count(*) FROM match_person) AS match_persons,
       (SELECT count(*) FROM campaign_result) AS campaign_results
