-- The internal register: one row per request, for the dashboards. late is
-- true when answered after the due date or still open after it on as_of,
-- false when answered in time or open within the term, NULL for requests
-- redirected, cancelled or withdrawn.
CREATE OR REPLACE VIEW mart_requests AS
SELECT r.entity_cui, r.request_id, r.received, r.channel, r.category, r.type, r.department, r.term_days, r.extended,
       r.due, r.answered, r.status,
       (r.answered - r.received)::INTEGER AS days_to_answer,
       CASE WHEN r.answered IS NOT NULL THEN r.answered <= r.due END AS within_term,
       r.outcome, r.as_of,
       CASE r.outcome WHEN 'răspuns' THEN r.answered > r.due WHEN 'deschisă' THEN r.as_of > r.due END AS late
FROM v_requests r;
