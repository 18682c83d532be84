-- Requests: the date the register was exported (as_of), against which a
-- request still open is judged past its legal term. A load gives it (the
-- mapping's as_of, a constant or an export-time column) or takes the date it
-- was loaded, recorded here so that every release of the same warehouse says
-- the same. Rows loaded before this migration get the date their load started.
ALTER TABLE fact_request ADD COLUMN as_of DATE;
UPDATE fact_request SET as_of = l.started::DATE
FROM (SELECT load_id, min(started_at) AS started FROM loads GROUP BY load_id) l
WHERE fact_request.load_id = l.load_id;
UPDATE fact_request SET as_of = greatest(received, coalesce(answered, received)) WHERE as_of IS NULL;
