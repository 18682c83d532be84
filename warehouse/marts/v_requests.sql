-- Every request with its outcome, due date and the date it is judged at: the
-- one place the rules of the request marts are written (models.RequestStatus
-- .Outcome says the same in Go).
-- Outcome: redirected requests went to another institution; cancelled and
-- withdrawn ones are closed without an answer; the others are answered when
-- they have an answer date (a load checks that resolved and rejected ones
-- have one and open ones have none), else open. So a status an older
-- warehouse holds as free text counts as it did before.
-- A request is late when answered after its due date, or still open on
-- as_of (the export date of its register) after it.
CREATE OR REPLACE VIEW v_requests AS
SELECT r.entity_cui, r.request_id, r.received, r.channel, r.category, r.type, r.department, r.term_days, r.extended,
       r.answered, r.status, r.as_of, r.load_id,
       r.received + r.term_days AS due,
       CASE
           WHEN r.status = 'redirecționată' THEN 'redirecționată'
           WHEN r.status IN ('anulată', 'retrasă') THEN 'anulată'
           WHEN r.answered IS NOT NULL THEN 'răspuns'
           ELSE 'deschisă'
       END AS outcome
FROM fact_request r;
