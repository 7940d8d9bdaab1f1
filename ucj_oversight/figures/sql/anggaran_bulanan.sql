-- anggaran_bulanan: per month m of year Y up to M: the pagu in force at m's end (per
-- kode_rekening the document with the latest tgl_penetapan <= that day, summed), SP2D paid
-- in m (each no_sp2d once: its first row), cumulative since 1 January, and serapan.
WITH bulan AS (
    SELECT bulan, akhir_bulan FROM kalender WHERE bulan BETWEEN $awal_tahun AND $bulan
), berlaku AS (
    SELECT b.bulan, a.kode_rekening, max(a.tgl_penetapan) AS tgl_penetapan
    FROM bulan b
    JOIN anggaran_kini a ON a.tahun = $tahun AND a.tgl_penetapan <= b.akhir_bulan
    GROUP BY b.bulan, a.kode_rekening
), pagu AS (
    SELECT e.bulan, sum(a.pagu) AS pagu
    FROM berlaku e
    JOIN anggaran_kini a ON a.tahun = $tahun AND a.kode_rekening = e.kode_rekening
                        AND a.tgl_penetapan = e.tgl_penetapan
    GROUP BY e.bulan
), bayar AS (
    SELECT bulan_sp2d AS bulan, sum(nominal) AS realisasi_bulan
    FROM sp2d
    WHERE NOT ganda AND bulan_sp2d BETWEEN $awal_tahun AND $bulan
    GROUP BY bulan_sp2d
), gabung AS (
    SELECT b.bulan, coalesce(p.pagu, 0) AS pagu, coalesce(r.realisasi_bulan, 0) AS realisasi_bulan,
           sum(coalesce(r.realisasi_bulan, 0)) OVER (ORDER BY b.bulan ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
               AS realisasi_kumulatif
    FROM bulan b
    LEFT JOIN pagu p ON p.bulan = b.bulan
    LEFT JOIN bayar r ON r.bulan = b.bulan
)
SELECT bulan, pagu, realisasi_bulan, realisasi_kumulatif,
       CASE WHEN pagu > 0 THEN round(100.0 * realisasi_kumulatif / pagu, 2) END AS serapan_persen
FROM gabung
ORDER BY bulan
