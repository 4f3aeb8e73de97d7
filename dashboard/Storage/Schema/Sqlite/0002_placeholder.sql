-- TEMPORARY placeholder: the SIP change adds the real 0002 on its own branch; whoever merges both drops this file.
SELECT 1;
