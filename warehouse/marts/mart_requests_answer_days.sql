-- How many requests took each number of days to answer: the frequency table
-- from which exact medians and percentiles are computed without the rows.
-- Only answered requests (resolved or rejected): a redirected, cancelled or
-- withdrawn request has a closing date but no answer. first_received and
-- last_received bound the days the requests of a row were received in, so
-- the dataset's coverage is the real period, not the first of a month.
CREATE OR REPLACE VIEW mart_requests_answer_days AS
SELECT entity_cui, year(received)::INTEGER AS year, month(received)::INTEGER AS month, channel, type, department,
       (answered - received)::INTEGER AS days_to_answer, term_days, count(*) AS requests,
       min(received) AS first_received, max(received) AS last_received
FROM v_requests WHERE outcome = 'răspuns'
GROUP BY entity_cui, year, month, channel, type, department, days_to_answer, term_days;
