"""Every word the dashboard shows, in Bahasa Indonesia and English: the one place for labels.

Every table has one shape, {key: {"id": text, "en": text}}, and one lookup, lookup(table, key,
lang, **values): the text in `lang` (Indonesian when the English is missing), with its
{placeholders} filled. The tables: TEXTS (pages and charts, through t(key, lang)), TEMUAN (per
finding code: nama, arti, tanya; temuan_label), BRIEFING (the PDF, its own namespace) and LOGIN
(the log-in screen). Keys are data: they never change with a refactoring. A missing key fails
loudly in tests (tests/test_text_charts.py) rather than showing a raw key to a user.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # chrome
    "judul_app": {"id": "Pengawasan UCJ Kota Bekasi", "en": "UCJ Oversight, Kota Bekasi"},
    "subjudul_app": {
        "id": "Universal Coverage Jamsostek — iuran JKK + JKM pekerja rentan dibayar APBD",
        "en": "Universal Coverage Jamsostek — JKK + JKM contributions for vulnerable workers paid by the city budget",
    },
    "hal_ringkasan": {"id": "Ringkasan", "en": "Summary"},
    "hal_cakupan": {"id": "Cakupan", "en": "Coverage"},
    "hal_anggaran": {"id": "Anggaran", "en": "Budget"},
    "hal_klaim": {"id": "Klaim", "en": "Claims"},
    "hal_temuan": {"id": "Temuan", "en": "Findings"},
    "hal_metodologi": {"id": "Metodologi", "en": "Methodology"},
    "filter": {"id": "Saring tampilan", "en": "Filters"},
    "posisi": {"id": "Posisi (akhir bulan)", "en": "As of (month end)"},
    "kecamatan": {"id": "Kecamatan", "en": "Kecamatan (district)"},
    "semua_kecamatan": {"id": "Semua kecamatan (kota)", "en": "All kecamatan (city)"},
    "segmen": {"id": "Segmen", "en": "Segment"},
    "semua_segmen": {"id": "Semua segmen", "en": "All segments"},
    "bahasa": {"id": "Bahasa", "en": "Language"},
    "simulasi": {
        "id": "DATA SIMULASI — angka contoh, bukan data resmi Pemkot Bekasi atau BPJS Ketenagakerjaan.",
        "en": "SIMULATED DATA — example figures, not official data of Pemkot Bekasi or BPJS Ketenagakerjaan.",
    },
    "param_salah": {
        "id": "Parameter URL {nama}={nilai} tidak valid ({alasan}); memakai {pakai}.",
        "en": "URL parameter {nama}={nilai} is not valid ({alasan}); using {pakai}.",
    },
    "belum_ada_data": {
        "id": "Basis data belum berisi data. Impor ekstrak dengan `python -m ucj_oversight ingest`.",
        "en": "The database has no data yet. Import extracts with `python -m ucj_oversight ingest`.",
    },
    "db_tidak_ada": {
        "id": "Basis data tidak ditemukan di {path}. Periksa variabel UCJ_DB.",
        "en": "Database not found at {path}. Check the UCJ_DB variable.",
    },
    "sumber_data": {
        "id": "Sumber: {n} file impor, terakhir {tanggal}. Posisi data: {posisi}.",
        "en": "Source: {n} imported files, last on {tanggal}. Data as of: {posisi}.",
    },
    "unduh_csv": {"id": "Unduh CSV", "en": "Download CSV"},
    "unduh_xlsx": {"id": "Unduh XLSX", "en": "Download XLSX"},
    "filter_tidak_berlaku": {
        "id": "Anggaran dan SP2D dicatat untuk seluruh kota; saringan kecamatan/segmen tidak berlaku di bagian ini.",
        "en": "Budget and SP2D are recorded city-wide; the kecamatan/segment filter does not apply here.",
    },
    "dibanding_bulan_lalu": {"id": "vs {bulan}", "en": "vs {bulan}"},
    "bulan": {"id": "Bulan", "en": "Month"},
    "seluruh_halaman": {"id": "seluruh halaman", "en": "the whole page"},
    "disamarkan": {"id": "disamarkan", "en": "masked"},
    "sebelumnya": {"id": "Sebelumnya", "en": "Previous"},
    "berikutnya": {"id": "Berikutnya", "en": "Next"},
    "poin": {"id": "poin", "en": "points"},
    "vs_pagu": {"id": "{selisih} dibanding pagu", "en": "{selisih} vs allocation"},
    "klaim_n": {"id": "{n} klaim", "en": "{n} claims"},
    "orang": {"id": "orang", "en": "people"},
    "rp": {"id": "Rupiah", "en": "Rupiah"},
    # ringkasan
    "ringkasan_judul": {"id": "Ringkasan posisi {bulan}", "en": "Summary as of {bulan}"},
    "kartu_peserta": {"id": "Peserta aktif", "en": "Active participants"},
    "kartu_peserta_ket": {
        "id": "dari sasaran {sasaran} orang — cakupan {cakupan}",
        "en": "of a target of {sasaran} people — coverage {cakupan}",
    },
    "kartu_peserta_help": {
        "id": "Orang (NIK berbeda) dengan registrasi aktif pada hari terakhir bulan, dibanding sasaran tahun berjalan.",
        "en": (
            "People (distinct NIK) with a registration active on the last day of the month, against this year's target."
        ),
    },
    "kartu_cakupan": {"id": "Cakupan", "en": "Coverage"},
    "kartu_serapan": {"id": "Serapan anggaran", "en": "Budget absorption"},
    "kartu_serapan_ket": {
        "id": "realisasi {realisasi} dari pagu {pagu}",
        "en": "spent {realisasi} of {pagu} allocated",
    },
    "kartu_serapan_help": {
        "id": "SP2D sejak 1 Januari dibagi pagu yang berlaku di akhir bulan.",
        "en": "Payments (SP2D) since 1 January divided by the allocation in force at month end.",
    },
    "kartu_klaim": {"id": "Klaim dibayar", "en": "Claims paid"},
    "kartu_klaim_ket": {
        "id": "{jumlah} klaim JKK/JKM sejak 1 Januari",
        "en": "{jumlah} JKK/JKM claims since 1 January",
    },
    "kartu_klaim_help": {
        "id": "Manfaat yang sudah diterima pekerja atau ahli warisnya tahun ini.",
        "en": "Benefits that reached workers or their families this year.",
    },
    "kartu_risiko": {"id": "Rp berisiko (temuan)", "en": "Rp at risk (findings)"},
    "kartu_risiko_ket": {"id": "{jumlah} kasus dari 10 jenis pemeriksaan", "en": "{jumlah} cases from 10 checks"},
    "kartu_risiko_help": {
        "id": "Jumlah nominal temuan: iuran di luar masa/tanpa peserta/ganda, klaim bermasalah, SP2D ganda.",
        "en": (
            "Sum of finding amounts: premiums outside cover/without participant/double, problem claims, duplicate SP2D."
        ),
    },
    "artinya": {"id": "Artinya", "en": "What it means"},
    "proyeksi_kurang": {
        "id": (
            "Dengan laju belanja saat ini, pagu {tahun} diperkirakan **kurang {selisih}** di akhir tahun (proyeksi "
            "{proyeksi})."
        ),
        "en": (
            "At the current spending rate, the {tahun} allocation is projected to **fall short by {selisih}** "
            "(projection {proyeksi})."
        ),
    },
    "proyeksi_cukup": {
        "id": (
            "Dengan laju belanja saat ini, pagu {tahun} diperkirakan **cukup, bersisa {selisih}** di akhir tahun "
            "(proyeksi {proyeksi})."
        ),
        "en": (
            "At the current spending rate, the {tahun} allocation is projected to **suffice, leaving {selisih}** "
            "(projection {proyeksi})."
        ),
    },
    "cakupan_terendah": {
        "id": "Cakupan terendah: **{nama}** {cakupan} (kota {kota}).",
        "en": "Lowest coverage: **{nama}** {cakupan} (city {kota}).",
    },
    "temuan_terbesar": {
        "id": "Temuan terbesar: **{kode}** — {jumlah} kasus, {nominal}.",
        "en": "Largest finding: **{kode}** — {jumlah} cases, {nominal}.",
    },
    "unduh_briefing": {"id": "Unduh briefing (PDF)", "en": "Download briefing (PDF)"},
    "sumber_impor": {"id": "Data dari impor berikut", "en": "Data from these imports"},
    "kontrol_tidak_cocok": {
        "id": "Kontrol total tidak cocok pada impor #{impor} ({file}): {teks}. "
        "Periksa file sumber dengan kantor pengirim.",
        "en": "Control totals do not match in import #{impor} ({file}): {teks}. "
        "Check the source file with the office that sent it.",
    },
    # cakupan
    "cakupan_judul": {"id": "Cakupan peserta per kecamatan — {bulan}", "en": "Coverage by kecamatan — {bulan}"},
    "peta_judul": {
        "id": "Peta cakupan kecamatan (% dari sasaran {tahun}), posisi {bulan}",
        "en": "Coverage map by kecamatan (% of {tahun} target), as of {bulan}",
    },
    "peta_ket": {
        "id": "Petak disusun mengikuti letak kecamatan (utara di atas); warna lebih gelap = cakupan lebih tinggi.",
        "en": "Tiles follow the kecamatan layout (north on top); darker = higher coverage.",
    },
    "peringkat_judul": {
        "id": "Peringkat cakupan (% dari sasaran), posisi {bulan}",
        "en": "Coverage ranking (% of target), as of {bulan}",
    },
    "peringkat_ket": {
        "id": "Oranye: lebih dari 10 poin di bawah cakupan kota. Garis putus-putus: cakupan kota.",
        "en": "Orange: more than 10 points below the city's coverage. Dashed line: city coverage.",
    },
    "garis_kota": {"id": "Kota {nilai}", "en": "City {nilai}"},
    "tabel_cakupan": {"id": "Tabel cakupan per kecamatan", "en": "Coverage table by kecamatan"},
    "kolom_sasaran": {"id": "Sasaran (orang)", "en": "Target (people)"},
    "kolom_aktif": {"id": "Peserta aktif (orang)", "en": "Active (people)"},
    "kolom_cakupan": {"id": "Cakupan (%)", "en": "Coverage (%)"},
    "kolom_kecamatan": {"id": "Kecamatan", "en": "Kecamatan"},
    "kolom_kelurahan": {"id": "Kelurahan", "en": "Kelurahan"},
    "kolom_segmen": {"id": "Segmen", "en": "Segment"},
    "tanpa_kelurahan": {"id": "(kelurahan tidak diisi)", "en": "(kelurahan not given)"},
    "kelurahan_judul": {
        "id": "Peserta aktif per kelurahan — {nama}, {bulan}",
        "en": "Active participants by kelurahan — {nama}, {bulan}",
    },
    "kelurahan_pilih": {
        "id": "Pilih kecamatan di saringan untuk melihat rincian kelurahannya.",
        "en": "Choose a kecamatan in the filters to see its kelurahan.",
    },
    "kelurahan_ket": {
        "id": "Sasaran ditetapkan per kecamatan, jadi kelurahan ditampilkan sebagai jumlah orang, bukan persen.",
        "en": "Targets are set per kecamatan, so kelurahan show a count of people, not a percentage.",
    },
    "segmen_judul": {
        "id": "Peserta aktif per segmen, posisi {bulan}",
        "en": "Active participants by segment, as of {bulan}",
    },
    "tren_judul": {
        "id": "Registrasi aktif per bulan, dengan pendaftaran baru dan yang keluar",
        "en": "Active registrations per month, with new enrolments and exits",
    },
    "tren_aktif": {"id": "Registrasi aktif (akhir bulan)", "en": "Active registrations (month end)"},
    "tren_baru": {"id": "Baru", "en": "New"},
    "tren_keluar": {"id": "Keluar", "en": "Exits"},
    "tanpa_sasaran": {
        "id": "Kecamatan tanpa data sasaran: {daftar}. Cakupan tidak dapat dihitung.",
        "en": "Kecamatan without a target: {daftar}. Coverage cannot be computed.",
    },
    "peta_geojson": {
        "id": "Peta batas kecamatan (GeoJSON dari data/)",
        "en": "Kecamatan boundary map (GeoJSON from data/)",
    },
    "tampilan_peta": {"id": "Petak", "en": "Tiles"},
    # anggaran
    "anggaran_judul": {
        "id": "Anggaran {tahun}: pagu dan realisasi s.d. {bulan}",
        "en": "Budget {tahun}: allocation and spending to {bulan}",
    },
    "kartu_pagu": {"id": "Pagu berlaku", "en": "Allocation in force"},
    "kartu_realisasi": {"id": "Realisasi (SP2D)", "en": "Spent (SP2D)"},
    "kartu_biaya": {"id": "Biaya/peserta-bulan", "en": "Cost/participant-month"},
    "kartu_biaya_ket": {"id": "tarif {tarif}", "en": "tariff {tarif}"},
    "kartu_proyeksi": {"id": "Proyeksi akhir tahun", "en": "Year-end projection"},
    "kumulatif_judul": {
        "id": "Realisasi kumulatif vs pagu, {tahun} (Rp)",
        "en": "Cumulative spending vs allocation, {tahun} (Rp)",
    },
    "garis_pagu": {"id": "Pagu berlaku", "en": "Allocation"},
    "garis_realisasi": {"id": "Realisasi kumulatif", "en": "Cumulative spending"},
    "garis_merata": {
        "id": "Jalur belanja merata (pagu × bulan/12)",
        "en": "Even-spending path (allocation × month/12)",
    },
    "garis_proyeksi": {"id": "Proyeksi", "en": "Projection"},
    "sp2d_judul": {"id": "SP2D per bulan, {tahun} (Rp)", "en": "SP2D per month, {tahun} (Rp)"},
    "rekon_judul": {
        "id": "Selisih iuran per bulan, {tahun}: ditagih vs seharusnya, dibayar vs ditagih",
        "en": "Premium differences per month, {tahun}: billed vs expected, paid vs billed",
    },
    "rekon_selisih_tagih": {
        "id": "Ditagih − seharusnya (di atas 0: tagihan lebih)",
        "en": "Billed − expected (above 0: over-billed)",
    },
    "rekon_selisih_bayar": {"id": "Dibayar − ditagih", "en": "Paid − billed"},
    "rekon_ket": {
        "id": "Tagihan bulan terakhir biasanya baru dibayar (SP2D) pada bulan berikutnya.",
        "en": "The latest month's bill is usually paid (SP2D) the following month.",
    },
    "rekon_seharusnya": {"id": "Seharusnya (registrasi × tarif)", "en": "Expected (registrations × tariff)"},
    "rekon_ditagih": {"id": "Ditagih BPJS", "en": "Billed by BPJS"},
    "rekon_dibayar": {"id": "Dibayar (SP2D untuk tagihan bulan itu)", "en": "Paid (SP2D for that month's bill)"},
    "kolom_pagu": {"id": "Pagu (Rp)", "en": "Allocation (Rp)"},
    "kolom_realisasi_bulan": {"id": "Realisasi bulan (Rp)", "en": "Spent in month (Rp)"},
    "kolom_realisasi_kum": {"id": "Realisasi kumulatif (Rp)", "en": "Cumulative (Rp)"},
    "kolom_serapan": {"id": "Serapan (%)", "en": "Absorption (%)"},
    "kolom_registrasi": {"id": "Registrasi tertagih", "en": "Billable registrations"},
    "kolom_seharusnya": {"id": "Iuran seharusnya (Rp)", "en": "Expected premium (Rp)"},
    "kolom_ditagih": {"id": "Iuran ditagih (Rp)", "en": "Billed (Rp)"},
    "kolom_selisih": {"id": "Selisih (Rp)", "en": "Difference (Rp)"},
    "kolom_dibayar": {"id": "Dibayar SP2D (Rp)", "en": "Paid by SP2D (Rp)"},
    "tabel_anggaran": {"id": "Tabel pagu dan realisasi per bulan", "en": "Allocation and spending per month"},
    "tabel_rekon": {"id": "Tabel rekonsiliasi iuran", "en": "Premium reconciliation table"},
    "proyeksi_cara": {
        "id": (
            "Cara menghitung: rata-rata SP2D {n} bulan terakhir ({laju}/bulan) ditambah tren registrasi ({tren} "
            "registrasi/bulan × tarif) untuk {sisa} bulan tersisa."
        ),
        "en": (
            "How: average SP2D of the last {n} months ({laju}/month) plus the enrolment trend ({tren} "
            "registrations/month × tariff) for the {sisa} remaining months."
        ),
    },
    "biaya_ket": {
        "id": (
            "Realisasi sejak 1 Januari dibagi jumlah registrasi-bulan yang tertagih ({n}). Bila jauh di atas tarif, "
            "ada pembayaran untuk yang tidak seharusnya dibayar."
        ),
        "en": (
            "Spending since 1 January divided by billable registration-months ({n}). Far above the tariff means paying "
            "for what should not be paid."
        ),
    },
    "tanpa_anggaran": {
        "id": "Belum ada dokumen anggaran (pagu) untuk tahun {tahun}.",
        "en": "No budget document (allocation) for {tahun} yet.",
    },
    # klaim
    "klaim_judul": {
        "id": "Klaim JKK/JKM yang dibayar, {tahun} s.d. {bulan}",
        "en": "JKK/JKM claims paid, {tahun} to {bulan}",
    },
    "kartu_klaim_jkk": {"id": "JKK (kecelakaan kerja)", "en": "JKK (work accident)"},
    "kartu_klaim_jkm": {"id": "JKM (kematian)", "en": "JKM (death)"},
    "kartu_median": {"id": "Lama pembayaran (median)", "en": "Time to payment (median)"},
    "kartu_median_ket": {
        "id": "terlama {terlama} hari; {lebih} klaim > 30 hari",
        "en": "slowest {terlama} days; {lebih} claims > 30 days",
    },
    "kartu_penolakan": {"id": "Tingkat penolakan", "en": "Rejection rate"},
    "kartu_penolakan_ket": {
        "id": "{ditolak} ditolak dari {diputus} yang diputus; {proses} masih diproses",
        "en": "{ditolak} rejected of {diputus} decided; {proses} in process",
    },
    "kartu_manfaat": {"id": "Manfaat per Rp1 iuran", "en": "Benefit per Rp1 of premium"},
    "kartu_manfaat_ket": {
        "id": "klaim dibayar ÷ iuran dibayar (SP2D) tahun ini",
        "en": "claims paid ÷ premiums paid (SP2D) this year",
    },
    "kartu_klaim_prog_ket": {
        "id": "{jumlah} klaim dibayar sejak 1 Januari",
        "en": "{jumlah} claims paid since 1 January",
    },
    "kartu_manfaat_help": {
        "id": "Berapa rupiah manfaat yang diterima pekerja untuk setiap rupiah iuran yang dibayar Pemkot.",
        "en": "Rupiah of benefits reaching workers for each rupiah of premium paid by the city.",
    },
    "kartu_median_help": {
        "id": "Hari dari pengajuan sampai pembayaran, untuk klaim yang diajukan tahun ini dan sudah dibayar.",
        "en": "Days from application to payment, for claims filed this year and already paid.",
    },
    "kartu_penolakan_help": {
        "id": "Klaim ditolak dibagi klaim yang sudah diputus (dibayar + ditolak), diajukan tahun ini.",
        "en": "Rejected claims divided by decided claims (paid + rejected), filed this year.",
    },
    "hari": {"id": "hari", "en": "days"},
    "klaim_bulan_judul": {
        "id": "Klaim dibayar per bulan dan program, {tahun} (Rp)",
        "en": "Claims paid per month and program, {tahun} (Rp)",
    },
    "klaim_kec_judul": {
        "id": "Klaim dibayar per kecamatan, {tahun} s.d. {bulan} (Rp)",
        "en": "Claims paid by kecamatan, {tahun} to {bulan} (Rp)",
    },
    "tabel_klaim": {"id": "Tabel klaim per kecamatan", "en": "Claims by kecamatan"},
    "kolom_program": {"id": "Program", "en": "Program"},
    "kolom_jumlah_klaim": {"id": "Jumlah klaim", "en": "Claims"},
    "kolom_nominal_dibayar": {"id": "Manfaat dibayar (Rp)", "en": "Benefit paid (Rp)"},
    "tanpa_klaim": {
        "id": "Belum ada klaim dibayar pada periode dan saringan ini.",
        "en": "No claims paid for this period and filter yet.",
    },
    "manfaat_kota_saja": {"id": "hanya untuk seluruh kota", "en": "city-wide only"},
    # temuan
    "temuan_judul": {"id": "Temuan pemeriksaan data, posisi {bulan}", "en": "Data check findings, as of {bulan}"},
    "temuan_pengantar": {
        "id": (
            "Sepuluh pemeriksaan otomatis atas data peserta, tagihan, klaim dan SP2D. Setiap temuan adalah pertanyaan "
            "untuk Dinas dan BPJS, bukan bukti kesalahan."
        ),
        "en": (
            "Ten automatic checks of participant, billing, claim and SP2D data. Each finding is a question for the "
            "agencies and BPJS, not proof of wrongdoing."
        ),
    },
    "kolom_kode": {"id": "Kode", "en": "Code"},
    "kolom_temuan": {"id": "Temuan", "en": "Finding"},
    "kolom_jumlah": {"id": "Jumlah kasus", "en": "Cases"},
    "kolom_nominal": {"id": "Nominal (Rp)", "en": "Amount (Rp)"},
    "rincian_judul": {"id": "Rincian baris: {kode}", "en": "Rows behind: {kode}"},
    "rincian_pilih": {"id": "Pilih temuan", "en": "Choose a finding"},
    "rincian_kosong": {
        "id": "Tidak ada baris untuk temuan ini pada posisi dan saringan ini.",
        "en": "No rows for this finding at this date and filter.",
    },
    "rincian_ket": {
        "id": "Nomor KPJ dan nomor klaim disamarkan (UU PDP No. 27/2022). NIK tidak pernah disimpan.",
        "en": "KPJ and claim numbers are masked (Personal Data Protection Law 27/2022). NIK is never stored.",
    },
    "pertanyaan": {"id": "Pertanyaan pengawasan", "en": "Oversight question"},
    "karantina_judul": {"id": "Baris yang dikarantina per impor", "en": "Quarantined rows per import"},
    "kolom_file": {"id": "File", "en": "File"},
    "kolom_baris": {"id": "Baris", "en": "Row"},
    "kolom_kolom": {"id": "Kolom", "en": "Column"},
    "kolom_alasan": {"id": "Alasan", "en": "Reason"},
    "kolom_nilai": {"id": "Nilai", "en": "Value"},
    "kolom_rujukan": {"id": "Rujukan", "en": "Reference"},
    "kolom_tanggal": {"id": "Tanggal", "en": "Date"},
    "kolom_keterangan": {"id": "Keterangan", "en": "Note"},
    "tanpa_karantina": {"id": "Tidak ada baris yang dikarantina.", "en": "No quarantined rows."},
    # unggah (admin)
    "hal_unggah": {"id": "Unggah data", "en": "Upload data"},
    "hal_audit": {"id": "Log audit", "en": "Audit log"},
    "unggah_judul": {"id": "Unggah ekstrak data", "en": "Upload data extracts"},
    "unggah_ket": {
        "id": (
            "CSV, XLSX atau Parquet, seperti dikirim kantor (judul, header dua tingkat, baris JUMLAH dan tanda "
            "tangan dikenali). Jenisnya (peserta, sasaran, iuran, anggaran, realisasi, klaim) dari nama file, profil "
            "sumber atau isinya. Batas: {mb} MB per file, {file} file, {baris} baris dan {kolom} kolom per file. "
            "Tidak ada yang ditulis sebelum Anda menekan tombol simpan."
        ),
        "en": (
            "CSV, XLSX or Parquet, as offices send them (titles, two-level headers, JUMLAH rows and signatures are "
            "recognised). The kind (peserta, sasaran, iuran, anggaran, realisasi, klaim) comes from the file name, a "
            "source profile or the content. Limits: {mb} MB per file, {file} files, {baris} rows and {kolom} columns "
            "per file. Nothing is written before you press the save button."
        ),
    },
    "unggah_pilih": {"id": "Pilih file", "en": "Choose files"},
    "unggah_kosong": {
        "id": "Belum ada file dipilih. Semua file dimuat bersama: semua atau tidak sama sekali.",
        "en": "No file chosen yet. All files load together: all or nothing.",
    },
    "unggah_terlalu_besar": {"id": "File melebihi {mb} MB: {daftar}.", "en": "Files over {mb} MB: {daftar}."},
    "unggah_terlalu_banyak": {
        "id": "{n} file dipilih; batasnya {batas}.",
        "en": "{n} files chosen; the limit is {batas}.",
    },
    "unggah_uji": {"id": "Hasil pemeriksaan (belum disimpan)", "en": "Check result (not saved yet)"},
    "unggah_ditolak": {
        "id": "Impor ditolak, basis data tidak diubah: {pesan}",
        "en": "Import refused, database unchanged: {pesan}",
    },
    "unggah_sudah_ada": {"id": "sudah diimpor (impor #{n})", "en": "already imported (import #{n})"},
    "unggah_semua_ada": {
        "id": "Semua file ini sudah pernah diimpor; tidak ada yang berubah.",
        "en": "All these files were imported before; nothing changes.",
    },
    "unggah_kunci_dev": {
        "id": "UCJ_NIK_KEY belum diisi: NIK akan di-hash dengan kunci pengembangan (hanya untuk data simulasi).",
        "en": "UCJ_NIK_KEY is not set: NIK would be hashed with the development key (simulated data only).",
    },
    "unggah_konfirmasi": {"id": "Simpan ke basis data ({n} baris)", "en": "Save to the database ({n} rows)"},
    "unggah_berjalan": {"id": "Mengimpor…", "en": "Importing…"},
    "unggah_gagal": {"id": "Impor gagal", "en": "Import failed"},
    "unggah_selesai": {"id": "Impor selesai", "en": "Import finished"},
    "unggah_hasil": {
        "id": (
            "Tersimpan: {dimuat} baris dimuat, {dikarantina} baris dikarantina. Angka di semua halaman sudah memakai "
            "data baru."
        ),
        "en": "Saved: {dimuat} rows loaded, {dikarantina} rows set aside. All pages now use the new data.",
    },
    "unggah_lihat": {"id": "Lihat ringkasan", "en": "See the summary"},
    "unggah_pengaturan": {"id": "Jenis file dan profil sumber", "en": "File kind and source profile"},
    "unggah_jenis": {"id": "Jenis file", "en": "File kind"},
    "unggah_jenis_otomatis": {
        "id": "otomatis (dari nama file, profil atau isi)",
        "en": "automatic (from the file name, a profile or the content)",
    },
    "unggah_profil": {"id": "Profil sumber", "en": "Source profile"},
    "unggah_profil_otomatis": {
        "id": "otomatis (profil yang cocok dengan header)",
        "en": "automatic (the profile made for the header)",
    },
    "unggah_profil_tersimpan": {"id": "Profil sumber yang ada", "en": "Saved source profiles"},
    "unggah_profil_belum": {"id": "Belum ada profil sumber.", "en": "No source profile yet."},
    "unggah_profil_hapus": {"id": "Hapus profil", "en": "Delete profile"},
    "unggah_profil_dihapus": {"id": "Profil '{nama}' dihapus.", "en": "Profile '{nama}' deleted."},
    "unggah_profil_disimpan": {
        "id": "Profil '{nama}' disimpan; file diperiksa ulang dengan profil ini.",
        "en": "Profile '{nama}' saved; the files are checked again with it.",
    },
    "unggah_jenis_pilih": {
        "id": "Jenis file tidak dapat ditentukan. Pilih jenisnya di '{bagian}' di atas, lalu petakan kolomnya "
        "bila perlu.",
        "en": "The file kind cannot be determined. Choose it under '{bagian}' above, then map its columns if needed.",
    },
    "unggah_header_judul": {
        "id": "Header tidak dikenali: {where} (baris {baris})",
        "en": "Header not recognised: {where} (row {baris})",
    },
    "unggah_header_ket": {
        "id": "Kolom wajib yang belum ditemukan untuk jenis '{jenis}': {kurang}. Petakan kolom file ke kolom "
        "kontrak di bawah; pemetaan disimpan sebagai profil sumber dan dipakai otomatis untuk file berikutnya "
        "dengan header yang sama. Belum ada yang ditulis ke basis data.",
        "en": "Required columns not found for kind '{jenis}': {kurang}. Map the file's columns to contract columns "
        "below; the mapping is saved as a source profile and applied automatically to later files with the same "
        "header. Nothing has been written to the database.",
    },
    "unggah_abaikan": {"id": "(abaikan)", "en": "(leave out)"},
    "unggah_nama_profil": {
        "id": "Nama profil (mis. 'Register SP2D SIPD')",
        "en": "Profile name (e.g. 'Register SP2D SIPD')",
    },
    "unggah_simpan_profil": {"id": "Simpan profil dan periksa ulang", "en": "Save the profile and check again"},
    "unggah_peta_kosong": {
        "id": "Tidak ada pemetaan yang diubah.",
        "en": "No mapping was changed.",
    },
    "unggah_pratinjau": {"id": "Pratinjau per file", "en": "Preview per file"},
    "unggah_ringkas_file": {
        "id": "{file} — {jenis}: {dimuat} dimuat, {dikarantina} dikarantina",
        "en": "{file} — {jenis}: {dimuat} loaded, {dikarantina} quarantined",
    },
    "unggah_header_di": {"id": "Header: {baris}", "en": "Header: {baris}"},
    "unggah_kolom_file": {"id": "Kolom di file", "en": "Column in the file"},
    "unggah_kolom_kontrak": {"id": "Kolom kontrak", "en": "Contract column"},
    "unggah_tidak_dikenal": {"id": "(tidak dikenal, diabaikan)", "en": "(not recognised, left out)"},
    "unggah_nomor_urut": {"id": "(nomor urut, diabaikan)", "en": "(running number, left out)"},
    "unggah_dilewati": {"id": "Dilewati, {why}: {n} baris ({baris})", "en": "Skipped, {why}: {n} rows ({baris})"},
    "unggah_kontrol_cocok": {"id": "Total kontrol {teks}", "en": "Control total {teks}"},
    "unggah_kontrol_beda": {
        "id": "Total kontrol {teks}. Impor tetap boleh dilanjutkan; perbedaan ini dicatat di riwayat impor dan "
        "log audit.",
        "en": "Control total {teks}. The import may still go ahead; the difference is recorded in the import history "
        "and the audit log.",
    },
    "unggah_baris_pertama": {
        "id": "Baris pertama seperti akan dimuat (NIK disamarkan)",
        "en": "First rows as they will be loaded (NIK masked)",
    },
    "unggah_sheet": {
        "id": "Sheet '{nama}': {dimuat} dimuat, {dikarantina} dikarantina",
        "en": "Sheet '{nama}': {dimuat} loaded, {dikarantina} quarantined",
    },
    "audit_kosong": {"id": "Log audit masih kosong.", "en": "The audit log is empty."},
    "audit_ket": {
        "id": "{n} peristiwa terakhir, terbaru di atas: masuk, gagal masuk, impor.",
        "en": "Last {n} events, newest first: log-ins, failed log-ins, imports.",
    },
    "bukan_hak": {"id": "Halaman ini hanya untuk admin.", "en": "This page is for administrators only."},
    # metodologi
    "metodologi_judul": {"id": "Metodologi dan sumber data", "en": "Methodology and data sources"},
    "data_terbuka": {"id": "Data terbuka", "en": "Open data"},
    "data_terbuka_ket": {
        "id": (
            "Lima tabel angka posisi {bulan} (CSV) dengan datapackage.json (Frictionless) yang menjelaskan setiap "
            "kolom dan sumbernya."
        ),
        "en": (
            "The five figure tables as of {bulan} (CSV) with a datapackage.json (Frictionless) describing every column "
            "and its sources."
        ),
    },
    "unduh_data_terbuka": {"id": "Unduh data terbuka (ZIP)", "en": "Download open data (ZIP)"},
    "riwayat_impor": {"id": "Riwayat impor", "en": "Import history"},
    "kolom_impor": {"id": "Impor #", "en": "Import #"},
    "kolom_jenis": {"id": "Jenis", "en": "Kind"},
    "kolom_waktu": {"id": "Waktu impor", "en": "Imported at"},
    "kolom_dimuat": {"id": "Baris dimuat", "en": "Rows loaded"},
    "kolom_dikarantina": {"id": "Baris dikarantina", "en": "Rows set aside"},
    "kolom_dipakai": {"id": "Dipakai angka saat ini", "en": "Used by current figures"},
    "kolom_sha": {"id": "SHA-256", "en": "SHA-256"},
    "kolom_kontrol": {"id": "Kontrol total", "en": "Control totals"},
    "ya": {"id": "ya", "en": "yes"},
    "tidak": {"id": "tidak", "en": "no"},
}

# Finding codes: name, meaning, and the question to ask (the Temuan page and the briefing).
TEMUAN: dict[str, dict[str, dict[str, str]]] = {
    "NIK_TIDAK_VALID": {
        "nama": {"id": "NIK tidak valid", "en": "Invalid NIK"},
        "arti": {
            "id": "Peserta yang NIK-nya bukan 16 digit: tidak dapat dicocokkan dengan data kependudukan.",
            "en": "Participants whose NIK is not 16 digits: cannot be matched with population records.",
        },
        "tanya": {
            "id": "Bagaimana peserta ini diverifikasi tanpa NIK yang sah, dan kapan datanya diperbaiki?",
            "en": "How were these participants verified without a valid NIK, and when will it be corrected?",
        },
    },
    "NIK_LUAR_KOTA": {
        "nama": {"id": "NIK luar Kota Bekasi", "en": "NIK outside Kota Bekasi"},
        "arti": {
            "id": (
                "NIK 16 digit yang tidak berawalan 3275 (mis. 3216 = Kabupaten Bekasi): iuran dibayar APBD untuk bukan "
                "warga kota?"
            ),
            "en": (
                "16-digit NIK not starting 3275 (e.g. 3216 = Kabupaten Bekasi): city budget paying for non-residents?"
            ),
        },
        "tanya": {
            "id": "Apa dasar memasukkan warga ber-NIK luar kota sebagai peserta yang iurannya dibayar Pemkot?",
            "en": "On what basis are people with out-of-city NIK covered at the city's expense?",
        },
    },
    "NIK_GANDA_AKTIF": {
        "nama": {"id": "NIK aktif ganda", "en": "NIK active twice"},
        "arti": {
            "id": "Satu orang (NIK) punya lebih dari satu registrasi aktif pada akhir bulan.",
            "en": "One person (NIK) has more than one active registration at month end.",
        },
        "tanya": {
            "id": "Mengapa satu orang terdaftar lebih dari sekali, dan apakah iurannya ditagih dua kali?",
            "en": "Why is one person registered more than once, and are they billed twice?",
        },
    },
    "IURAN_LUAR_MASA": {
        "nama": {"id": "Iuran di luar masa kepesertaan", "en": "Premium outside cover"},
        "arti": {
            "id": "Tagihan untuk bulan di luar masa perlindungan peserta (mis. sesudah meninggal atau berhenti).",
            "en": "Billing for months outside the participant's cover (e.g. after death or exit).",
        },
        "tanya": {
            "id": "Apakah iuran yang ditagih sesudah kepesertaan berakhir akan dikembalikan atau diperhitungkan?",
            "en": "Will premiums billed after cover ended be refunded or offset?",
        },
    },
    "IURAN_TANPA_PESERTA": {
        "nama": {"id": "Iuran tanpa data peserta", "en": "Premium without participant"},
        "arti": {
            "id": "Baris tagihan dengan nomor KPJ yang tidak ada di data peserta Pemkot.",
            "en": "Billing rows with a KPJ number not in the city's participant list.",
        },
        "tanya": {
            "id": "Siapa pemilik KPJ ini, dan mengapa ditagihkan kepada Pemkot?",
            "en": "Who holds these KPJ numbers, and why are they billed to the city?",
        },
    },
    "IURAN_GANDA": {
        "nama": {"id": "Iuran ganda", "en": "Double premium"},
        "arti": {
            "id": "Dalam satu bulan, satu orang ditagih lebih dari sekali (beberapa registrasi atau baris ganda).",
            "en": "In one month, one person billed more than once (several registrations or repeated rows).",
        },
        "tanya": {
            "id": "Berapa kelebihan bayar karena tagihan ganda, dan kapan dikoreksi?",
            "en": "How much was overpaid through double billing, and when will it be corrected?",
        },
    },
    "KLAIM_TANPA_PESERTA": {
        "nama": {"id": "Klaim tanpa data peserta", "en": "Claim without participant"},
        "arti": {
            "id": "Klaim dengan nomor KPJ yang tidak ada di data peserta Pemkot.",
            "en": "Claims with a KPJ number not in the city's participant list.",
        },
        "tanya": {
            "id": "Apakah klaim ini benar peserta program UCJ Kota Bekasi?",
            "en": "Are these claims really from UCJ Kota Bekasi participants?",
        },
    },
    "KLAIM_LUAR_MASA": {
        "nama": {"id": "Klaim di luar masa kepesertaan", "en": "Claim outside cover"},
        "arti": {
            "id": "Tanggal kejadian di luar masa perlindungan registrasinya.",
            "en": "Incident date outside the registration's cover.",
        },
        "tanya": {
            "id": "Atas dasar apa klaim di luar masa kepesertaan dibayar?",
            "en": "On what basis was a claim outside cover paid?",
        },
    },
    "SP2D_GANDA": {
        "nama": {"id": "SP2D tercatat ganda", "en": "Duplicate SP2D"},
        "arti": {
            "id": "Nomor SP2D yang muncul lebih dari sekali: bisa salah catat, bisa bayar dua kali.",
            "en": "An SP2D number listed more than once: a recording error or a double payment.",
        },
        "tanya": {
            "id": "Apakah SP2D ini benar dibayar dua kali? Mohon bukti mutasi kas daerah.",
            "en": "Was this SP2D really paid twice? Please show the treasury records.",
        },
    },
    "BARIS_DITOLAK": {
        "nama": {"id": "Baris data ditolak", "en": "Rejected data rows"},
        "arti": {
            "id": (
                "Baris ekstrak yang tidak dapat dimuat (kecamatan tak dikenal, tanggal rusak, dll.), lihat alasannya "
                "di bawah."
            ),
            "en": "Extract rows that could not be loaded (unknown kecamatan, bad dates, etc.); reasons below.",
        },
        "tanya": {
            "id": "Kapan Dinas mengirim ulang data yang sudah diperbaiki?",
            "en": "When will the agency resend corrected data?",
        },
    },
}


# Words only the briefing PDF uses (its own namespace: keys like "posisi" mean something else
# there); everything shared comes from TEXTS. English texts may use {s} for plurals.
BRIEFING: dict[str, dict[str, str]] = {
    "judul": {"id": "Briefing Pengawasan UCJ Kota Bekasi", "en": "UCJ Oversight Briefing, Kota Bekasi"},
    "subjudul": {
        "id": "Universal Coverage Jamsostek: iuran JKK + JKM pekerja rentan dibayar APBD",
        "en": "Universal Coverage Jamsostek: JKK + JKM contributions for vulnerable workers paid by the city",
    },
    "posisi": {"id": "Posisi {tanggal}", "en": "As of {tanggal}"},
    "wilayah_kota": {"id": "Seluruh kota", "en": "Whole city"},
    "wilayah_kec": {"id": "Kecamatan {nama}", "en": "Kecamatan {nama}"},
    "wilayah_kec_ket": {
        "id": "Anggaran, serapan dan proyeksi selalu untuk seluruh kota.",
        "en": "Budget, absorption and projection are always city-wide.",
    },
    "segmen": {"id": "segmen {nama}", "en": "segment {nama}"},
    "cakupan_ket": {"id": "dari sasaran {sasaran} orang", "en": "of a target of {sasaran} people"},
    "cakupan_baris": {"id": "cakupan", "en": "coverage"},
    "risiko_ket": {
        "id": "{jumlah} kasus dari 10 pemeriksaan; bukan angka kerugian",
        "en": "{jumlah} cases from 10 checks; not a loss figure",
    },
    "judul_cakupan": {
        "id": "Cakupan per kecamatan (% dari sasaran {tahun})",
        "en": "Coverage by kecamatan (% of {tahun} target)",
    },
    "dipilih": {"id": "dipilih", "en": "selected"},
    "judul_anggaran": {"id": "Realisasi kumulatif vs pagu {tahun}", "en": "Cumulative spending vs allocation {tahun}"},
    "anggaran_ket": {
        "id": "Proyeksi: rata-rata SP2D 3 bulan terakhir ditambah tren registrasi.",
        "en": "Projection: mean SP2D of the last 3 months plus the enrolment trend.",
    },
    "judul_klaim": {
        "id": "Klaim dibayar per program, {tahun} s.d. {bulan}",
        "en": "Claims paid by program, {tahun} to {bulan}",
    },
    "layanan": {
        "id": (
            "Dari {diajukan} klaim yang diajukan tahun ini: {dibayar} dibayar (median {median} hari, terlama {terlama} "
            "hari; {lebih} lebih dari 30 hari), {ditolak} ditolak ({tolak}), {proses} masih diproses."
        ),
        "en": (
            "Of {diajukan} claims filed this year: {dibayar} paid (median {median} days, slowest {terlama}; {lebih} "
            "over 30 days), {ditolak} rejected ({tolak}), {proses} in process."
        ),
    },
    "layanan_tanpa_bayar": {
        "id": (
            "Dari {diajukan} klaim yang diajukan tahun ini belum ada yang dibayar: {ditolak} ditolak, {proses} masih "
            "diproses."
        ),
        "en": "Of {diajukan} claims filed this year none is paid yet: {ditolak} rejected, {proses} in process.",
    },
    "layanan_kosong": {"id": "Belum ada klaim yang diajukan tahun ini.", "en": "No claims filed this year yet."},
    "manfaat": {"id": "Manfaat per Rp 1 iuran: {nilai}.", "en": "Benefit per Rp 1 of premium: {nilai}."},
    "judul_temuan": {"id": "Temuan terbesar, posisi {bulan}", "en": "Largest findings, as of {bulan}"},
    "total_temuan": {"id": "Rp berisiko (10 pemeriksaan)", "en": "Rp at risk (10 checks)"},
    "temuan_ket": {
        "id": (
            "Temuan adalah pertanyaan untuk Dinas dan BPJS, bukan bukti kesalahan. Rincian baris: dasbor, halaman "
            "Temuan."
        ),
        "en": (
            "Findings are questions for the agencies and BPJS, not proof of wrongdoing. Rows: dashboard, Findings page."
        ),
    },
    "tanpa_temuan": {"id": "Tidak ada temuan pada posisi ini.", "en": "No findings at this date."},
    "judul_tanya": {"id": "Pertanyaan pengawasan", "en": "Oversight questions"},
    "tanya_ket": {
        "id": (
            "Dibuat otomatis dari angka di atas dengan aturan tertulis (docs/methodology.md, \u201cPertanyaan "
            "pengawasan (briefing)\u201d). Angka yang dikutip dicetak tebal."
        ),
        "en": (
            "Generated from the figures above by written rules (docs/methodology.md, \u201cPertanyaan pengawasan "
            "(briefing)\u201d). The cited figure is in bold."
        ),
    },
    "tanpa_tanya": {
        "id": "Tidak ada angka yang memenuhi aturan pertanyaan pada posisi ini.",
        "en": "No figure meets a question rule at this date.",
    },
    "judul_sumber": {"id": "Sumber data", "en": "Data sources"},
    "sumber_ket": {
        "id": (
            "Angka sama dengan ekspor data terbuka untuk posisi yang sama (python -m ucj_oversight export --as-of "
            "{asof}). Definisi: docs/methodology.md."
        ),
        "en": (
            "Figures equal the open-data export for the same month (python -m ucj_oversight export --as-of {asof}). "
            "Definitions: docs/methodology.md."
        ),
    },
    "sumber_lain": {
        "id": "… dan {n} file lain (lihat halaman Metodologi).",
        "en": "… and {n} more files (see the Methodology page).",
    },
    "kolom_file": {"id": "File", "en": "File"},
    "kolom_jenis": {"id": "Jenis", "en": "Kind"},
    "kolom_waktu": {"id": "Diimpor", "en": "Imported"},
    "kolom_baris": {"id": "Baris dimuat", "en": "Rows loaded"},
    "kolom_sha": {"id": "SHA-256 (awal)", "en": "SHA-256 (start)"},
    "tanpa_sumber": {"id": "Belum ada impor.", "en": "No imports yet."},
    "kaki": {
        "id": "Pengawasan UCJ Kota Bekasi · posisi {bulan} · dibuat {tanggal}",
        "en": "UCJ Oversight Kota Bekasi · as of {bulan} · made {tanggal}",
    },
    "halaman": {"id": "Halaman {n} dari {total}", "en": "Page {n} of {total}"},
    "stempel": {"id": "DATA SIMULASI", "en": "SIMULATED DATA"},
    "tanpa_sasaran_grafik": {
        "id": "Belum ada sasaran untuk tahun ini: cakupan tidak dapat dihitung.",
        "en": "No target for this year yet: coverage cannot be computed.",
    },
    "klaim_label": {"id": "{rp} · {n} klaim", "en": "{rp} · {n} claim{s}"},
    "tanpa_klaim_grafik": {"id": "Belum ada klaim dibayar tahun ini.", "en": "No claims paid this year yet."},
    # questions
    "q_cakupan": {
        "id": (
            "Cakupan {nama} {angka}, {selisih} poin di bawah kota ({kota}). Apa hambatan pendaftaran di sana, dan "
            "kapan ketertinggalan ini dikejar?"
        ),
        "en": (
            "Coverage in {nama} is {angka}, {selisih} points below the city ({kota}). What holds enrolment back there, "
            "and when will it catch up?"
        ),
    },
    "q_serapan": {
        "id": (
            "Serapan anggaran {angka}, di bawah jalur belanja merata {jalur} (pagu × {m}/12). Tagihan iuran bulan mana "
            "yang belum dibayar, dan mengapa?"
        ),
        "en": (
            "Budget absorption is {angka}, below the even-spending path of {jalur} (allocation × {m}/12). Which "
            "months' premium bills are unpaid, and why?"
        ),
    },
    "q_proyeksi": {
        "id": (
            "Dengan laju belanja saat ini, pagu {tahun} diperkirakan kurang {angka} di akhir tahun (proyeksi "
            "{proyeksi}, pagu {pagu}). Bagaimana kekurangan ini ditutup, dan sudahkah diusulkan dalam APBD Perubahan?"
        ),
        "en": (
            "At the current spending rate the {tahun} allocation is projected to fall short by {angka} at year end "
            "(projection {proyeksi}, allocation {pagu}). How will the gap be covered, and has it been proposed in the "
            "revised budget?"
        ),
    },
    "q_temuan": {
        "id": "{nama}: {angka} ({jumlah} kasus). {tanya}",
        "en": "{nama}: {angka} ({jumlah} case{s}). {tanya}",
    },
    "q_klaim": {
        "id": (
            "{angka} klaim dibayar lebih dari 30 hari sesudah diajukan (median {median} hari, terlama {terlama} hari). "
            "Apa penyebabnya, dan apa yang dilakukan BPJS dan Dinas untuk mempercepatnya?"
        ),
        "en": (
            "{angka} claim{s} paid more than 30 days after application (median {median} days, slowest {terlama}). Why, "
            "and what will BPJS and the agency do to speed them up?"
        ),
    },
}


# The log-in screen (web/login.py).
LOGIN: dict[str, dict[str, str]] = {
    "judul": {"id": "Pengawasan UCJ Kota Bekasi", "en": "UCJ Oversight, Kota Bekasi"},
    "ket": {
        "id": "Dasbor internal DPRD Kota Bekasi. Silakan masuk.",
        "en": "Internal dashboard of the Kota Bekasi city council. Please log in.",
    },
    "nama": {"id": "Nama pengguna", "en": "Username"},
    "sandi": {"id": "Kata sandi", "en": "Password"},
    "tombol_masuk": {"id": "Masuk", "en": "Log in"},
    "kosong": {"id": "Isi nama pengguna dan kata sandi.", "en": "Enter your username and password."},
    "salah": {"id": "Nama pengguna atau kata sandi salah.", "en": "Wrong username or password."},
    "diblokir": {
        "id": "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {menit} menit.",
        "en": "Too many failed log-in attempts. Try again in {menit} minutes.",
    },
    "sesi_berakhir": {"id": "Sesi berakhir, silakan masuk lagi.", "en": "Your session has ended, please log in again."},
    "keluar_ok": {"id": "Anda telah keluar.", "en": "You have logged out."},
    "akun_hilang": {
        "id": "Akun Anda sudah tidak terdaftar. Hubungi admin dasbor.",
        "en": "Your account is no longer registered. Contact the dashboard admin.",
    },
    "file_rusak": {
        "id": "Daftar pengguna tidak dapat dibaca. Hubungi admin dasbor.",
        "en": "The user list cannot be read. Contact the dashboard admin.",
    },
    "belum_ada": {
        "id": (
            "Belum ada pengguna. Admin server menambahkannya dengan: `python -m ucj_oversight users add NAMA --role "
            "admin`"
        ),
        "en": "No users yet. The server admin adds them with: `python -m ucj_oversight users add NAME --role admin`",
    },
    "oidc_masuk": {"id": "Masuk dengan akun kantor", "en": "Log in with your office account"},
    "oidc_masuk_nama": {"id": "Masuk dengan {nama}", "en": "Log in with {nama}"},
    "oidc_tak_terdaftar": {
        "id": "Akun {email} belum terdaftar untuk dasbor ini. Hubungi admin dasbor.",
        "en": "The account {email} is not registered for this dashboard. Contact the dashboard admin.",
    },
    "oidc_email": {
        "id": "Penyedia identitas tidak memberikan alamat email yang terverifikasi.",
        "en": "The identity provider did not give a verified e-mail address.",
    },
    "authlib": {
        "id": (
            "Log-in OIDC dikonfigurasi di secrets.toml, tetapi paket Authlib belum terpasang "
            '(`pip install "Authlib>=1.3.2"`). Hubungi admin server.'
        ),
        "en": (
            "OIDC log-in is configured in secrets.toml but the Authlib package is not installed "
            '(`pip install "Authlib>=1.3.2"`). Contact the server admin.'
        ),
    },
    "masuk_sebagai": {"id": "Masuk sebagai **{nama}** · {peran}", "en": "Logged in as **{nama}** · {peran}"},
    "keluar": {"id": "Keluar", "en": "Log out"},
    "peran_admin": {"id": "admin", "en": "admin"},
    "peran_anggota": {"id": "anggota DPRD", "en": "council member"},
}


# Segment codes as people write them.
SEGMEN = {
    "RT_RW": "RT/RW",
    "KADER_POSYANDU": "Kader Posyandu",
    "PKK": "PKK",
    "LINMAS": "Linmas",
    "NON_ASN": "Non-ASN (guru/nakes)",
    "OJEK_PANGKALAN": "Ojek pangkalan",
    "OJEK_ONLINE": "Ojek online",
    "SOPIR_ORGANDA": "Sopir Organda",
    "UMKM": "UMKM",
    "PKL": "PKL",
    "PKH": "Penerima PKH",
    "TIDAK_DIKETAHUI": "(segmen tidak diisi)",
}


def segmen_label(code: str | None) -> str:
    if not code:
        return ""
    return SEGMEN.get(code, code.replace("_", " ").capitalize())


def lookup(table: dict[str, dict[str, str]], key: str, lang: str = "id", **values) -> str:
    """table[key] in `lang` (Indonesian if that language has no text), placeholders filled from values."""
    entry = table[key]
    text = entry.get(lang) or entry["id"]
    return text.format(**values) if values else text


def t(key: str, lang: str = "id", **values) -> str:
    """A dashboard text (TEXTS)."""
    return lookup(TEXTS, key, lang, **values)


def temuan_label(code: str, part: str, lang: str = "id") -> str:
    """A finding's nama, arti or tanya (TEMUAN)."""
    return lookup(TEMUAN[code], part, lang)
