-- How many requests took each number of days to answer: the frequency table
-- from which exact medians and percentiles are computed without the rows.
CREATE OR REPLACE VIEW mart_requests_answer_days AS
SELECT entity_cui, year(received)::INTEGER AS year, month(received)::INTEGER AS month, channel, type, department,
       (answered - received)::INTEGER AS days_to_answer, term_days, count(*) AS requests
FROM fact_request WHERE answered IS NOT NULL
GROUP BY ALL;
