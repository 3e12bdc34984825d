-- The two JSON documents of an operator as plain text rather than CLOBs: H2 reads a CLOB through a stream and
-- keeps every CLOB handed to a result for minutes, which made reclassifying the store slow and its heap grow.
ALTER TABLE operator ALTER COLUMN profile_json SET DATA TYPE CHARACTER VARYING;
ALTER TABLE operator ALTER COLUMN classification_json SET DATA TYPE CHARACTER VARYING;
