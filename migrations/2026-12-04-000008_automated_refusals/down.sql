DROP TABLE automated_refusals;
