-- _orang_kecamatan: fragment, included as {{orang_kecamatan}}: the people active at D per
-- kecamatan (the person rule of _orang_aktif), for the segmen filter (NULL = all). Used by the
-- figures that count people per kecamatan: cakupan_kecamatan and perlindungan_kecamatan.
SELECT kode_kecamatan, sum(orang) AS peserta_aktif
FROM (
    {{orang_aktif}}
) aktif
WHERE CAST($segmen AS VARCHAR) IS NULL OR segmen = $segmen
GROUP BY kode_kecamatan
