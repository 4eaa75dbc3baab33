-- One line per table of the Tripwire schemas: schema.table|rows (exact counts), sorted.
SELECT format('%s.%s', table_schema, table_name) || '|' ||
       (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name),
                                             false, true, '')))[1]::text
FROM information_schema.tables
WHERE table_type = 'BASE TABLE' AND table_schema IN ('public', 'paper_venue')
ORDER BY 1;
