-- Requests by day received, channel, category, type, department and the date
-- their register was exported (as_of): counts and durations only. Every
-- request has one outcome: received = answered + open + redirected +
-- cancelled. Open and open past the legal term are as of as_of.
CREATE OR REPLACE VIEW mart_requests_daily AS
SELECT r.entity_cui, r.received AS date, r.channel, r.category, r.type, r.department,
       count(*)                                                                      AS received,
       count(*) FILTER (WHERE r.outcome = 'răspuns')                                 AS answered,
       count(*) FILTER (WHERE r.outcome = 'răspuns' AND r.answered <= r.due)         AS answered_within_term,
       count(*) FILTER (WHERE r.outcome = 'răspuns' AND r.answered >  r.due)         AS answered_late,
       count(*) FILTER (WHERE r.outcome = 'deschisă')                                AS open,
       count(*) FILTER (WHERE r.outcome = 'deschisă' AND r.as_of > r.due)            AS open_overdue,
       count(*) FILTER (WHERE r.extended)                                            AS extended,
       coalesce(sum(r.answered - r.received) FILTER (WHERE r.outcome = 'răspuns'), 0)::BIGINT AS answer_days_total,
       r.as_of,
       count(*) FILTER (WHERE r.outcome = 'redirecționată')                          AS redirected,
       count(*) FILTER (WHERE r.outcome = 'anulată')                                 AS cancelled
FROM v_requests r
GROUP BY r.entity_cui, r.received, r.channel, r.category, r.type, r.department, r.as_of;
