-- Requests by day received, channel, category, type and department: counts
-- and durations only. Overdue and open are as of the newest date in the data.
CREATE OR REPLACE VIEW mart_requests_daily AS
WITH as_of AS (SELECT entity_cui, max(greatest(received, coalesce(answered, received))) AS d FROM fact_request GROUP BY ALL)
SELECT r.entity_cui, r.received AS date, r.channel, r.category, r.type, r.department,
       count(*)                                                                AS received,
       count(r.answered)                                                       AS answered,
       count(*) FILTER (WHERE r.answered <= r.received + r.term_days)          AS answered_within_term,
       count(*) FILTER (WHERE r.answered >  r.received + r.term_days)          AS answered_late,
       count(*) FILTER (WHERE r.answered IS NULL)                              AS open,
       count(*) FILTER (WHERE r.answered IS NULL AND a.d > r.received + r.term_days) AS open_overdue,
       count(*) FILTER (WHERE r.extended)                                      AS extended,
       coalesce(sum(r.answered - r.received), 0)::BIGINT                       AS answer_days_total
FROM fact_request r JOIN as_of a USING (entity_cui)
GROUP BY ALL;
