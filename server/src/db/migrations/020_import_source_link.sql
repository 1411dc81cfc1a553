-- Imports from other tools (npm run hearth -- import --source csv|viva): the link to the post in
-- the tool it came from (the CSV layout's url, Viva Engage's api_url), kept as imported and
-- exported with the post. Null for posts written in Hearth.
ALTER TABLE posts ADD COLUMN source_url text;
