-- daftar_segmen: the segments present in the current registrations (for the filter).
SELECT DISTINCT segmen FROM reg_bulanan ORDER BY segmen
