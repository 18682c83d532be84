-- The internal register: one row per request, for the dashboards.
CREATE OR REPLACE VIEW mart_requests AS
SELECT r.entity_cui, r.request_id, r.received, r.channel, r.category, r.type, r.department, r.term_days, r.extended,
       r.received + r.term_days AS due, r.answered, r.status,
       (r.answered - r.received)::INTEGER AS days_to_answer,
       CASE WHEN r.answered IS NOT NULL THEN r.answered <= r.received + r.term_days END AS within_term
FROM fact_request r;
