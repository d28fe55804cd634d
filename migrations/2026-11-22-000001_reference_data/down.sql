DROP TABLE population_margins;
DROP TABLE council_areas;
DROP TABLE divisions;
