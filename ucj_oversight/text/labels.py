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
    "hal_temuan": {"id": "Perlu klarifikasi", "en": "To be clarified"},
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
    "klaim_n": {"id": "{n} klaim", "en": "{n} claims"},
    "orang": {"id": "orang", "en": "people"},
    "rp": {"id": "Rupiah", "en": "Rupiah"},
    # ringkasan
    "ringkasan_judul": {"id": "Ringkasan posisi {bulan}", "en": "Summary as of {bulan}"},
    "kartu_peserta": {"id": "Peserta aktif", "en": "Active participants"},
    "kartu_peserta_ket": {
        "id": "dari kuota {sasaran} orang — capaian kuota {cakupan}",
        "en": "of a funded quota of {sasaran} people — quota filled {cakupan}",
    },
    "kartu_peserta_help": {
        "id": (
            "Orang (NIK berbeda) dengan registrasi aktif pada hari terakhir bulan. Capaian kuota: dibanding kuota "
            "yang didanai (sasaran tahun berjalan). Cakupan semesta: dibanding semua pekerja rentan."
        ),
        "en": (
            "People (distinct NIK) with a registration active on the last day of the month. Quota filled: against the "
            "funded quota (this year's target). Coverage: against all vulnerable workers."
        ),
    },
    "kartu_peserta_dua": {
        "id": "Capaian kuota **{kuota}** dari {sasaran} orang · cakupan semesta **{semesta_persen}** dari {semesta} "
        "pekerja rentan; sumber: {sumber}",
        "en": "Quota filled **{kuota}** of {sasaran} people · coverage **{semesta_persen}** of {semesta} vulnerable "
        "workers; source: {sumber}",
    },
    "kartu_peserta_tanpa_semesta": {
        "id": "Capaian kuota **{kuota}** dari {sasaran} orang · cakupan semesta: belum ada data semesta",
        "en": "Quota filled **{kuota}** of {sasaran} people · coverage of all vulnerable workers: no semesta data yet",
    },
    "sumber_tidak_disebut": {"id": "sumber tidak disebut", "en": "source not given"},
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
    # issue 13: the two "perlu klarifikasi" amounts, arrears and protection
    "kartu_apbd": {"id": "Perlu klarifikasi: APBD", "en": "To clarify: city budget"},
    "kartu_apbd_ket": {"id": "{jumlah} kasus tagihan dan SP2D", "en": "{jumlah} billing and SP2D cases"},
    "kartu_apbd_kota": {
        "id": "SP2D ganda seluruh kota {rp} tidak termasuk",
        "en": "city-wide duplicate SP2D of {rp} not included",
    },
    "kartu_apbd_help": {
        "id": (
            "Uang APBD yang perlu dijelaskan: iuran ditagih di luar masa, tanpa peserta atau ganda, dan SP2D bernomor "
            "sama dengan tanggal, nilai atau rekening lain. Bukan angka kerugian dan bukan temuan audit."
        ),
        "en": (
            "City-budget money to be explained: premiums billed outside cover, without participant or twice, and SP2D "
            "numbers repeated with another date, amount or line. Not a loss and not an audit finding."
        ),
    },
    "kartu_manfaat_klarifikasi": {"id": "Perlu klarifikasi: BPJS", "en": "To clarify: BPJS benefits"},
    "kartu_manfaat_klarifikasi_ket": {"id": "{jumlah} kasus klaim", "en": "{jumlah} claim cases"},
    "kartu_manfaat_klarifikasi_help": {
        "id": (
            "Klaim tanpa data peserta atau di luar masa kepesertaan yang dibayar, dan manfaat JKM yang hilang karena "
            "klaim ditolak saat iuran menunggak. Dana BPJS, bukan APBD: tidak dijumlahkan dengan kartu APBD."
        ),
        "en": (
            "Paid claims without participant or outside cover, and JKM benefits lost because a claim was refused "
            "while premiums were unpaid. BPJS funds, not the city budget: never added to the budget card."
        ),
    },
    "kartu_menunggak": {"id": "Bulan menunggak", "en": "Months in arrears"},
    "kartu_menunggak_ket": {
        "id": "tunggakan {rp}; terlama {hari} hari lewat jatuh tempo",
        "en": "{rp} owed; oldest {hari} days past due",
    },
    "kartu_menunggak_nol": {
        "id": "semua tagihan yang sudah jatuh tempo lunas",
        "en": "every invoice past its due date is paid",
    },
    "kartu_menunggak_help": {
        "id": (
            "Bulan tagihan iuran yang sudah lewat jatuh tempo (tanggal 15 bulan itu, hari kerja berikutnya bila "
            "libur) tetapi belum lunas dibayar SP2D pada akhir bulan posisi. Seluruh kota."
        ),
        "en": (
            "Billing months past their due date (the 15th of the month, next working day on a holiday) and not paid "
            "in full by SP2D at the end of the month shown. City-wide."
        ),
    },
    "kartu_tanpa_lindung": {"id": "Tidak terlindungi", "en": "Not protected"},
    "kartu_tanpa_lindung_ket": {
        "id": "dari {aktif} peserta aktif; {rb} registrasi-bulan tanpa perlindungan sejak Januari",
        "en": "of {aktif} active participants; {rb} registration-months without cover since January",
    },
    "kartu_tanpa_lindung_help": {
        "id": (
            "Peserta aktif yang tagihan iuran bulan ini dan dua bulan sebelumnya semuanya belum lunas pada akhir "
            "bulan: BPJS menonaktifkan peserta BPU sesudah 3 bulan tidak dibayar, dan klaimnya ditolak."
        ),
        "en": (
            "Active participants whose invoices of this month and the two before were all still unpaid at month "
            "end: BPJS makes a BPU participant non-active after 3 unpaid months, and refuses the claims."
        ),
    },
    "ketepatan_judul": {
        "id": "Hari terlambat bayar iuran per bulan tagihan, {tahun}",
        "en": "Days late paying premiums by billing month, {tahun}",
    },
    "ketepatan_lunas": {"id": "lunas (hari terlambat)", "en": "paid (days late)"},
    "ketepatan_belum": {"id": "belum lunas (hari lewat jatuh tempo)", "en": "unpaid (days past due)"},
    "tabel_ketepatan": {"id": "Ketepatan bayar iuran (seluruh kota)", "en": "Premium payment timeliness (city-wide)"},
    "ketepatan_ket": {
        "id": (
            "Jatuh tempo: tanggal 15 bulan tagihan, hari kerja berikutnya bila Sabtu, Minggu atau libur nasional. "
            "Lunas: tanggal SP2D yang membuat pembayaran untuk bulan itu (periode_tagihan) mencapai tagihannya."
        ),
        "en": (
            "Due: the 15th of the billing month, the next working day on a weekend or national holiday. Paid: the "
            "date of the SP2D that brought the payments for that month (periode_tagihan) up to its invoice."
        ),
    },
    "tidak_teratribusi": {
        "id": (
            "SP2D {rp} sejak 1 Januari tidak mencantumkan bulan tagihan (tidak teratribusi): tidak dihitung sebagai "
            "pembayaran bulan mana pun."
        ),
        "en": "SP2D of {rp} since 1 January name no billing month (unattributed): counted as paying no month.",
    },
    "perlindungan_judul": {
        "id": "Peserta tidak terlindungi karena iuran menunggak, posisi {bulan}",
        "en": "Participants unprotected because premiums were unpaid, as of {bulan}",
    },
    "klaim_ditolak_judul": {
        "id": "Klaim ditolak per alasan, 1 Januari s.d. {bulan}",
        "en": "Refused claims by reason, 1 January to {bulan}",
    },
    "tanpa_klaim_ditolak": {
        "id": "Tidak ada klaim ditolak pada periode dan saringan ini.",
        "en": "No refused claims for this period and filter.",
    },
    "status_judul": {
        "id": "Status BPJS dibanding tanggal kepesertaan, posisi {bulan}",
        "en": "BPJS status against the cover dates, as of {bulan}",
    },
    "status_ket": {
        "id": (
            "Status dari ekstrak peserta BPJS dibanding tanggal mulai/akhir. NONAKTIF bisa karena iuran menunggak "
            "(kolom terakhir); tgl_nonaktif adalah tanggal status, bukan akhir masa perlindungan."
        ),
        "en": (
            "The status in the BPJS participant extract against the start/end dates. NONAKTIF may come from unpaid "
            "premiums (last column); tgl_nonaktif is a status date, not an end of cover."
        ),
    },
    "selisih_NONAKTIF_TANGGAL_AKTIF": {
        "id": "BPJS: NONAKTIF, tanggal: aktif",
        "en": "BPJS: NONAKTIF, dates: active",
    },
    "selisih_MENINGGAL_TANGGAL_AKTIF": {
        "id": "BPJS: MENINGGAL, tanggal: aktif",
        "en": "BPJS: MENINGGAL (deceased), dates: active",
    },
    "selisih_AKTIF_TANGGAL_BERAKHIR": {
        "id": "BPJS: AKTIF, tanggal: sudah berakhir",
        "en": "BPJS: AKTIF, dates: ended",
    },
    "seluruh_kota": {"id": "seluruh kota", "en": "city-wide"},
    "kolom_jatuh_tempo": {"id": "Jatuh tempo", "en": "Due date"},
    "kolom_tgl_lunas": {"id": "Tanggal lunas", "en": "Paid in full on"},
    "kolom_hari_terlambat": {"id": "Hari terlambat", "en": "Days late"},
    "kolom_tunggakan": {"id": "Tunggakan (Rp)", "en": "Arrears (Rp)"},
    "kolom_tidak_terlindungi": {"id": "Tidak terlindungi", "en": "Not protected"},
    "kolom_registrasi_bulan_tanpa_lindung": {
        "id": "Registrasi-bulan tanpa perlindungan sejak Januari",
        "en": "Registration-months without cover since January",
    },
    "kolom_alasan_tolak": {"id": "Alasan ditolak", "en": "Reason refused"},
    "kolom_saat_tunggakan": {"id": "Kejadian saat iuran menunggak", "en": "Incident while premiums unpaid"},
    "kolom_selisih_status": {"id": "Status vs tanggal", "en": "Status vs dates"},
    "kolom_jumlah_registrasi": {"id": "Registrasi", "en": "Registrations"},
    "kolom_tanpa_lindung": {"id": "Di antaranya iuran menunggak", "en": "Of which premiums unpaid"},
    "kolom_status": {"id": "Status BPJS", "en": "BPJS status"},
    "kolom_tgl_mulai": {"id": "Mulai", "en": "Start"},
    "kolom_tgl_akhir": {"id": "Akhir", "en": "End"},
    "kolom_tgl_nonaktif": {"id": "Tanggal nonaktif (BPJS)", "en": "Non-active date (BPJS)"},
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
        "id": "Capaian kuota terendah: **{nama}** {cakupan} (kota {kota}).",
        "en": "Lowest quota filled: **{nama}** {cakupan} (city {kota}).",
    },
    "temuan_terbesar": {
        "id": "Perlu klarifikasi, terbesar: **{kode}** — {jumlah} kasus, {nominal}.",
        "en": "Largest item to clarify: **{kode}** — {jumlah} cases, {nominal}.",
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
        "id": "Peta capaian kuota (% dari kuota yang didanai {tahun}; belum ada data semesta), posisi {bulan}",
        "en": "Map of quota filled (% of the funded {tahun} quota; no semesta data yet), as of {bulan}",
    },
    "peta_judul_semesta": {
        "id": "Peta cakupan semesta (% dari semua pekerja rentan), posisi {bulan}",
        "en": "Coverage map (% of all vulnerable workers), as of {bulan}",
    },
    "peta_ket": {
        "id": "Utara di atas; warna lebih gelap = angka lebih tinggi; abu-abu = tanpa angka atau disamarkan. "
        "Peringkat yang sama ada di grafik batang. Batas wilayah: {sumber}.",
        "en": "North is up; darker = higher; grey = no figure or masked. The same ranking is in the bar "
        "chart. Boundaries: {sumber}.",
    },
    "peta_tanpa_angka": {"id": "tanpa angka / disamarkan", "en": "no figure / masked"},
    "tanpa_angka": {"id": "tanpa angka", "en": "no figure"},
    "peta_sumber": {
        "id": "Utara di atas. Batas wilayah: {sumber}.",
        "en": "North is up. Boundaries: {sumber}.",
    },
    "peta_kosong": {
        "id": "Peta tidak digambar: pada pilihan ini (posisi {bulan}) tidak ada {wilayah} dengan angka yang "
        "dapat ditampilkan — tanpa sasaran atau semesta, tanpa peserta, atau semua angka disamarkan.",
        "en": "No map: for this selection (as of {bulan}) no {wilayah} has a figure that can be shown — no "
        "target or semesta, no participants, or every figure masked.",
    },
    "peta_peringkat_kosong": {
        "id": "Peta dan peringkat tidak digambar: pada pilihan ini (posisi {bulan}) tidak ada kecamatan dengan "
        "angka cakupan yang dapat ditampilkan — tanpa sasaran atau semesta, tanpa peserta, atau semua angka "
        "disamarkan.",
        "en": "No map or ranking: for this selection (as of {bulan}) no kecamatan has a coverage figure that can "
        "be shown — no target or semesta, no participants, or every figure masked.",
    },
    "peta_kelurahan_judul": {
        "id": "Peta peserta aktif per kelurahan — {nama}, {bulan}",
        "en": "Map of active participants by kelurahan — {nama}, {bulan}",
    },
    "peta_tanpa_kelurahan": {
        "id": "Peserta yang kelurahannya tidak ada di data tidak tampil di peta (ada di tabel).",
        "en": "Participants whose kelurahan is missing in the data are not on the map (see the table).",
    },
    "peringkat_judul": {
        "id": "Peringkat capaian kuota (% dari kuota yang didanai), posisi {bulan}",
        "en": "Ranking by quota filled (% of the funded quota), as of {bulan}",
    },
    "peringkat_judul_semesta": {
        "id": "Peringkat cakupan semesta (% dari semua pekerja rentan), posisi {bulan}",
        "en": "Coverage ranking (% of all vulnerable workers), as of {bulan}",
    },
    "peringkat_ket": {
        "id": "Oranye: lebih dari 10 poin di bawah angka kota. Garis putus-putus: angka kota.",
        "en": "Orange: more than 10 points below the city's figure. Dashed line: the city's figure.",
    },
    "garis_kota": {"id": "Kota {nilai}", "en": "City {nilai}"},
    # charts (web/chart_style.py): units, empty charts, projection wording
    "unit_ribu": {"id": "{n} rb", "en": "{n}k"},
    "unit_juta": {"id": "{n} jt", "en": "{n}m"},
    "unit_miliar": {"id": "{n} M", "en": "{n}bn"},
    "unit_triliun": {"id": "{n} T", "en": "{n}tn"},
    "grafik_kosong": {
        "id": "**{judul}**: grafik tidak digambar — tidak ada angka untuk pilihan ini (saringan dan bulan "
        "posisi). Pilih bulan atau saringan lain.",
        "en": "**{judul}**: no chart — there are no figures for this selection (filters and month). "
        "Choose another month or filter.",
    },
    "grafik_disamarkan": {
        "id": "**{judul}**: grafik tidak digambar — semua angka pada pilihan ini disamarkan (angka kecil, "
        "1–4 orang atau klaim).",
        "en": "**{judul}**: no chart — every figure of this selection is masked (small numbers, 1–4 people or claims).",
    },
    "tepat_waktu": {"id": "tepat waktu", "en": "on time"},
    "tren_baru_keluar": {"id": "Baru (+) dan keluar (−) per bulan", "en": "New (+) and exits (−) per month"},
    "disamarkan_klaim": {"id": "bulan disamarkan", "en": "month masked"},
    # presentation view (web/presentation.py)
    "presentasi_buka": {"id": "Tampilan presentasi (proyektor)", "en": "Presentation view (projector)"},
    "presentasi_kembali": {"id": "Kembali ke Ringkasan", "en": "Back to Summary"},
    "presentasi_slide": {
        "id": "{i}/{n} · {bagian} — posisi {bulan} · {judul}",
        "en": "{i}/{n} · {bagian} — as of {bulan} · {judul}",
    },
    "slide_perlindungan": {"id": "Ketepatan bayar dan perlindungan", "en": "Payment timeliness and protection"},
    "presentasi_kuota": {
        "id": "dari kuota yang didanai, {sasaran} orang",
        "en": "of the funded quota, {sasaran} people",
    },
    "presentasi_semesta": {"id": "dari {semesta} pekerja rentan", "en": "of {semesta} vulnerable workers"},
    "dua_angka_terpisah": {
        "id": "Dua angka terpisah, tidak dijumlahkan: uang APBD dan manfaat BPJS. Terbesar:",
        "en": "Two separate amounts, never added: city budget money and BPJS benefits. Largest:",
    },
    "kasus": {"id": "kasus", "en": "cases"},
    "tabel_cakupan": {"id": "Tabel cakupan per kecamatan", "en": "Coverage table by kecamatan"},
    "kolom_sasaran": {"id": "Sasaran (orang)", "en": "Target (people)"},
    "kolom_aktif": {"id": "Peserta aktif (orang)", "en": "Active (people)"},
    "kolom_cakupan": {"id": "Cakupan (%)", "en": "Coverage (%)"},
    "kolom_capaian_kuota": {"id": "Capaian kuota (%)", "en": "Quota filled (%)"},
    "kolom_semesta": {"id": "Semesta: pekerja rentan (orang)", "en": "All vulnerable workers (people)"},
    "kolom_cakupan_semesta": {"id": "Cakupan semesta (%)", "en": "Coverage of all vulnerable workers (%)"},
    "kolom_kekurangan": {"id": "Belum terlindungi (orang)", "en": "Not yet covered (people)"},
    "kolom_bulan_tersisa": {"id": "Bulan tersisa", "en": "Months left"},
    "kolom_perlu_per_bulan": {"id": "Perlu per bulan (orang)", "en": "Needed per month (people)"},
    "kolom_laju_6_bulan": {"id": "Laju 6 bulan terakhir (orang/bulan)", "en": "Pace, last 6 months (people/month)"},
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
        "id": "Kecamatan tanpa data sasaran: {daftar}. Capaian kuota tidak dapat dihitung.",
        "en": "Kecamatan without a target: {daftar}. Quota filled cannot be computed.",
    },
    "kartu_capaian_kuota": {"id": "Capaian kuota", "en": "Quota filled"},
    "kartu_capaian_kuota_ket": {
        "id": "{peserta} peserta aktif dari kuota yang didanai {sasaran} orang (sasaran {tahun})",
        "en": "{peserta} active participants of the funded quota of {sasaran} people ({tahun} target)",
    },
    "kartu_capaian_kuota_help": {
        "id": "Peserta aktif ÷ sasaran: berapa dari kuota yang didanai APBD sudah terisi.",
        "en": "Active participants ÷ target: how much of the quota the city budget pays for is filled.",
    },
    "kartu_cakupan_semesta": {"id": "Cakupan semesta", "en": "Coverage of all vulnerable workers"},
    "kartu_cakupan_semesta_ket": {
        "id": "{peserta} dari {semesta} pekerja rentan; sumber: {sumber}",
        "en": "{peserta} of {semesta} vulnerable workers; source: {sumber}",
    },
    "kartu_capaian_kuota_tanpa": {
        "id": "{peserta} peserta aktif; belum ada sasaran {tahun}",
        "en": "{peserta} active participants; no {tahun} target yet",
    },
    "orang_per_bulan": {"id": "{n} orang", "en": "{n} people"},
    "kartu_cakupan_semesta_help": {
        "id": "Peserta aktif ÷ semesta (semua pekerja rentan di wilayah itu): berapa pekerja rentan yang terlindungi.",
        "en": "Active participants ÷ semesta (all vulnerable workers in the area): how many of them are protected.",
    },
    "belum_ada_semesta": {"id": "belum ada data semesta", "en": "no semesta data yet"},
    "kartu_laju": {"id": "Perlu per bulan s.d. {tahun}", "en": "Needed per month to {tahun}"},
    "kartu_laju_ket": {
        "id": "laju 6 bulan terakhir {laju} per bulan; {kekurangan} orang belum terlindungi, {bulan} bulan lagi",
        "en": "pace of the last 6 months {laju} a month; {kekurangan} people not yet covered, {bulan} months left",
    },
    "kartu_laju_help": {
        "id": (
            "Peserta baru per bulan agar semua pekerja rentan (semesta) terlindungi pada akhir tahun target, "
            "dibanding pertambahan bersih peserta aktif per bulan selama 6 bulan terakhir."
        ),
        "en": (
            "New participants a month needed to cover every vulnerable worker (semesta) by the end of the target "
            "year, against the net growth of active participants a month over the last 6 months."
        ),
    },
    "laju_cukup": {"id": "laju sekarang cukup", "en": "the current pace is enough"},
    "laju_kurang": {"id": "laju sekarang belum cukup", "en": "the current pace is not enough"},
    "laju_lewat": {
        "id": "tahun target {tahun} sudah lewat",
        "en": "the target year {tahun} has passed",
    },
    "beda_cakupan": {
        "id": (
            "**Capaian kuota** membandingkan peserta aktif dengan *kuota yang didanai* APBD (sasaran). **Cakupan "
            "semesta** membandingkan peserta aktif dengan *semua pekerja rentan* di wilayah itu. Kuota yang hampir "
            "penuh belum berarti pekerja rentan sudah terlindungi."
        ),
        "en": (
            "**Quota filled** compares active participants with the *quota the city budget funds* (the target). "
            "**Coverage** compares them with *all vulnerable workers* in the area. A nearly full quota does not "
            "mean the vulnerable workers are protected."
        ),
    },
    "aturan_kota": {
        "id": (
            "Angka kota hanya menghitung peserta di kecamatan yang punya penyebutnya: peserta di kecamatan tanpa "
            "sasaran tidak masuk capaian kuota kota, peserta di kecamatan tanpa semesta tidak masuk cakupan "
            "semesta kota."
        ),
        "en": (
            "City figures count only participants in kecamatan that have the denominator: people in a kecamatan "
            "without a target are not in the city's quota figure, people in one without a semesta not in its coverage."
        ),
    },
    "tanpa_semesta": {
        "id": "Kecamatan tanpa data semesta: {daftar}. Cakupan semesta tidak dapat dihitung di sana.",
        "en": "Kecamatan without semesta data: {daftar}. Coverage of all vulnerable workers cannot be computed there.",
    },
    "semesta_tidak_ada": {
        "id": (
            "Belum ada data semesta (jumlah semua pekerja rentan) untuk {tahun}: cakupan semesta belum dapat "
            "dihitung, dan peta memakai capaian kuota. Semesta dikirim di ekstrak sasaran (kolom jumlah_semesta)."
        ),
        "en": (
            "No semesta data (the number of all vulnerable workers) for {tahun}: coverage of all vulnerable workers "
            "cannot be computed yet, and the map shows quota filled. The semesta comes in the sasaran extract "
            "(column jumlah_semesta)."
        ),
    },
    "semesta_segmen": {
        "id": (
            "Tidak ada semesta untuk segmen {segmen}: ekstrak sasaran tidak memberikannya per segmen, dan semesta "
            "seluruh kecamatan tidak dipakai untuk satu segmen. Peta memakai capaian kuota."
        ),
        "en": (
            "No semesta for the segment {segmen}: the sasaran extract does not give one per segment, and a whole "
            "kecamatan's semesta is not used for one segment. The map shows quota filled."
        ),
    },
    "laju_judul": {
        "id": "Laju yang diperlukan untuk cakupan semesta 100% pada akhir {tahun}, posisi {bulan}",
        "en": "Pace needed to cover all vulnerable workers by the end of {tahun}, as of {bulan}",
    },
    "laju_ket": {
        "id": (
            "Perlu per bulan = (semesta − peserta aktif) ÷ bulan sesudah {bulan} sampai Desember {tahun}. Laju 6 "
            "bulan = (peserta aktif sekarang − 6 bulan lalu) ÷ 6. Tahun target dapat diubah (UCJ_TAHUN_TARGET)."
        ),
        "en": (
            "Needed per month = (semesta − active participants) ÷ the months after {bulan} to December {tahun}. "
            "Pace of 6 months = (active now − 6 months ago) ÷ 6. The target year is a setting (UCJ_TAHUN_TARGET)."
        ),
    },
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
    "temuan_judul": {
        "id": "Perlu klarifikasi: pemeriksaan data, posisi {bulan}",
        "en": "To be clarified: data checks, as of {bulan}",
    },
    "temuan_pengantar": {
        "id": (
            "Sebelas pemeriksaan otomatis atas data peserta, tagihan, klaim dan SP2D, masing-masing dihitung dalam "
            "tahun posisi. Setiap kode adalah pertanyaan untuk Dinas, BPKAD dan BPJS, bukan bukti kesalahan dan "
            "bukan temuan audit BPK. Uang APBD dan manfaat BPJS dijumlahkan terpisah, tidak pernah digabung."
        ),
        "en": (
            "Eleven automatic checks of participant, billing, claim and SP2D data, each counted within the year "
            "shown. Each code is a question for the agencies and BPJS, not proof of wrongdoing and not an audit "
            "finding. City-budget money and BPJS benefits are totalled apart, never added together."
        ),
    },
    "total_apbd_manfaat": {
        "id": "APBD: perlu klarifikasi {apbd} · Manfaat BPJS: perlu klarifikasi {manfaat}",
        "en": "City budget: to be clarified {apbd} · BPJS benefits: to be clarified {manfaat}",
    },
    "temuan_seluruh_kota": {
        "id": "SP2D_GANDA dan BARIS_DITOLAK: angka seluruh kota (SP2D dan baris ditolak tidak berkecamatan).",
        "en": "SP2D_GANDA and BARIS_DITOLAK: city-wide figures (SP2D and rejected rows have no kecamatan).",
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
        "id": "{n} peristiwa terakhir, terbaru di atas: masuk dan keluar, gagal masuk, impor, profil sumber. Waktu "
        "dalam WIB.",
        "en": "Last {n} events, newest first: log-ins and log-outs, failed log-ins, imports, source profiles. Times "
        "in WIB (UTC+7).",
    },
    # audit events and their details in words (storage/audit.py EVENTS; pages/audit.py)
    "peristiwa_login_berhasil": {"id": "Masuk berhasil", "en": "Logged in"},
    "peristiwa_login_gagal": {"id": "Gagal masuk", "en": "Log-in failed"},
    "peristiwa_login_diblokir": {"id": "Masuk diblokir sementara", "en": "Log-in blocked for a while"},
    "peristiwa_logout": {"id": "Keluar", "en": "Logged out"},
    "peristiwa_impor": {"id": "Impor data", "en": "Data imported"},
    "peristiwa_impor_gagal": {"id": "Impor gagal", "en": "Import failed"},
    "peristiwa_impor_uji": {"id": "Pemeriksaan file (belum disimpan)", "en": "Files checked (not saved)"},
    "peristiwa_profil_dibuat": {"id": "Profil sumber dibuat", "en": "Source profile created"},
    "peristiwa_profil_diubah": {"id": "Profil sumber diubah", "en": "Source profile changed"},
    "peristiwa_profil_dihapus": {"id": "Profil sumber dihapus", "en": "Source profile removed"},
    "kolom_audit_waktu": {"id": "Waktu (WIB)", "en": "Time (WIB)"},
    "kolom_audit_peristiwa": {"id": "Peristiwa", "en": "Event"},
    "kolom_audit_oleh": {"id": "Oleh", "en": "By"},
    "kolom_audit_rincian": {"id": "Rincian", "en": "Details"},
    "audit_rincian_metode": {"id": "cara masuk", "en": "method"},
    "audit_rincian_peran": {"id": "peran", "en": "role"},
    "audit_rincian_klien": {"id": "alamat", "en": "address"},
    "audit_rincian_alasan": {"id": "sebab", "en": "reason"},
    "audit_rincian_file": {"id": "file", "en": "file"},
    "audit_rincian_jenis": {"id": "jenis", "en": "kind"},
    "audit_rincian_dimuat": {"id": "baris dimuat", "en": "rows loaded"},
    "audit_rincian_dikarantina": {"id": "baris dikarantina", "en": "rows quarantined"},
    "audit_rincian_kontrol": {"id": "total kontrol", "en": "control total"},
    "audit_rincian_hasil": {"id": "hasil", "en": "result"},
    "audit_rincian_pesan": {"id": "pesan", "en": "message"},
    "audit_rincian_profil": {"id": "profil", "en": "profile"},
    "audit_rincian_kolom": {"id": "kolom", "en": "columns"},
    "audit_rincian_sebelumnya": {"id": "sebelumnya", "en": "before"},
    "audit_rincian_menit_tersisa": {"id": "menit tersisa", "en": "minutes left"},
    "audit_rincian_diblokir_menit": {"id": "diblokir (menit)", "en": "blocked (minutes)"},
    "audit_rincian_masuk_idp": {"id": "masuk di penyedia identitas", "en": "signed in at the identity provider"},
    "audit_nilai_lokal": {"id": "kata sandi", "en": "password"},
    "audit_nilai_oidc": {"id": "akun organisasi (OIDC)", "en": "organisation account (OIDC)"},
    "audit_nilai_tombol": {"id": "tombol Keluar", "en": "Log out button"},
    "audit_nilai_sesi_kedaluwarsa": {"id": "sesi berakhir", "en": "session expired"},
    "audit_nilai_akun_dihapus": {"id": "akun dihapus", "en": "account removed"},
    "audit_nilai_sandi_diganti": {"id": "kata sandi diganti", "en": "password changed"},
    "audit_nilai_keluar": {"id": "keluar di tab lain", "en": "logged out in another tab"},
    "audit_nilai_tidak_terdaftar": {"id": "akun tidak terdaftar", "en": "account not registered"},
    "audit_nilai_dimuat": {"id": "dimuat", "en": "loaded"},
    "audit_nilai_sudah_ada": {"id": "sudah pernah diimpor", "en": "already imported"},
    "audit_nilai_ditolak": {"id": "ditolak", "en": "refused"},
    "audit_nilai_admin": {"id": "admin", "en": "admin"},
    "audit_nilai_anggota": {"id": "anggota DPRD", "en": "council member"},
    # tables, money cards and methodology (issue 14)
    "baris_jumlah": {"id": "Jumlah", "en": "Total"},
    "kuota_lebih_100": {
        "id": "Capaian kuota di atas 100%: peserta aktif di kecamatan itu lebih banyak daripada kuota yang didanai "
        "(sasaran), mis. karena pendaftaran melampaui kuota atau sasaran belum diperbarui; bukan salah hitung.",
        "en": "Quota filled above 100%: more active participants in that kecamatan than the funded quota (target), "
        "e.g. because enrolment went past the quota or the target was not updated; not a miscount.",
    },
    "kuota_lebih_100_kalimat": {
        "id": "Capaian kuota di atas 100% di **{daftar}**: peserta aktif lebih banyak daripada kuota yang didanai; "
        "perlu ditanyakan apakah kuotanya belum diperbarui atau pendaftaran melampaui anggaran.",
        "en": "Quota filled above 100% in **{daftar}**: more active participants than the funded quota; worth asking "
        "whether the quota was not updated or enrolment went past the budget.",
    },
    "angka_seluruh_kota": {"id": "angka seluruh kota", "en": "city-wide figure"},
    "kartu_temuan_disamarkan": {
        "id": "{n} temuan lain disamarkan (1–4 kasus), tidak dijumlahkan",
        "en": "{n} more finding(s) masked (1–4 cases), not added",
    },
    "pagu_kurang": {"id": "kurang {rp} dari pagu", "en": "{rp} short of the allocation"},
    "pagu_bersisa": {"id": "bersisa {rp} dari pagu", "en": "{rp} left of the allocation"},
    "rincian_teknis": {"id": "Rincian teknis", "en": "Technical details (and the full Indonesian text)"},
    "unggah_tombol": {"id": "Pilih file", "en": "Choose files"},
    "unggah_seret": {"id": "atau seret file ke sini", "en": "or drag files here"},
    "kolom_catatan": {"id": "Catatan", "en": "Note"},
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
        "nama": {
            "id": "NIK berkode wilayah lain — periksa domisili KTP/KK",
            "en": "NIK with another area's code — check the KTP/KK address",
        },
        "arti": {
            "id": (
                "NIK 16 digit yang tidak berawalan 3275. NIK memakai kode tempat pertama kali diterbitkan dan tidak "
                "berubah saat pindah (UU 24/2013), jadi banyak warga kota yang sah ber-NIK luar kota: ini alasan "
                "memeriksa alamat KTP/KK, bukan bukti bukan warga."
            ),
            "en": (
                "16-digit NIK not starting 3275. A NIK keeps the code of its first place of issue for life (Law "
                "24/2013), so many genuine residents carry one: a reason to check the KTP/KK address, not evidence "
                "of a non-resident."
            ),
        },
        "tanya": {
            "id": "Apakah domisili peserta ini sudah diperiksa dengan alamat KTP/KK terbaru?",
            "en": "Has the domicile of these participants been checked against their latest KTP/KK address?",
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
    "KLAIM_DITOLAK_TUNGGAKAN": {
        "nama": {"id": "Klaim ditolak saat iuran menunggak", "en": "Claim refused during a lapse"},
        "arti": {
            "id": (
                "Klaim ditolak yang kejadiannya pada bulan ketika tiga tagihan iuran terakhir registrasinya belum "
                "dibayar Pemkot: pekerja kehilangan perlindungan karena pembayaran APBD terlambat. Nominal: manfaat "
                "JKM Rp 42 juta yang hilang (JKK: 0)."
            ),
            "en": (
                "Refused claims whose incident fell in a month when the registration's last three invoices were "
                "unpaid by the city: the worker lost cover because the budget paid late. Amount: the JKM benefit of "
                "Rp 42 million that was lost (JKK: 0)."
            ),
        },
        "tanya": {
            "id": "Mengapa iuran terlambat dibayar, dan bagaimana Pemkot menanggung manfaat yang hilang?",
            "en": "Why were the premiums paid late, and how will the city make up for the lost benefit?",
        },
    },
    "SP2D_GANDA": {
        "nama": {"id": "Nomor SP2D berulang", "en": "Repeated SP2D number"},
        "arti": {
            "id": (
                "Nomor SP2D yang sama dengan tanggal, nilai atau rekening lain: salah catat atau bayar dua kali. "
                "Baris yang sama persis dihitung satu SP2D, bukan temuan."
            ),
            "en": (
                "The same SP2D number with another date, amount or line: a recording error or a double payment. "
                "Identical rows are one SP2D, not a finding."
            ),
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
    "cakupan_ket": {"id": "dari kuota {sasaran} orang yang didanai", "en": "of a funded quota of {sasaran} people"},
    "cakupan_baris": {"id": "capaian kuota", "en": "quota filled"},
    "cakupan_semesta_baris": {"id": "cakupan semesta", "en": "coverage of all"},
    "semesta_ket": {"id": "dari {semesta} pekerja rentan", "en": "of {semesta} vulnerable workers"},
    "semesta_tidak_ada": {
        "id": "cakupan semesta: belum ada data semua pekerja rentan",
        "en": "coverage of all vulnerable workers: no data yet",
    },
    "lindung_ket": {
        "id": "{rb} registrasi-bulan tanpa perlindungan pada {tahun}",
        "en": "{rb} registration-months without cover in {tahun}",
    },
    "kartu_klarifikasi": {"id": "Perlu klarifikasi", "en": "To be clarified"},
    "klarifikasi_apbd": {"id": "APBD", "en": "City budget"},
    "klarifikasi_manfaat": {"id": "Manfaat BPJS", "en": "BPJS benefits"},
    "klarifikasi_ket": {
        "id": "dua sumber dana, tidak dijumlahkan; bukan angka kerugian",
        "en": "two sources of funds, never added; not a loss figure",
    },
    "judul_cakupan": {
        "id": "Capaian kuota per kecamatan (% dari sasaran {tahun})",
        "en": "Quota filled by kecamatan (% of the {tahun} funded quota)",
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
    "judul_temuan": {
        "id": "Perlu klarifikasi, terbesar dahulu, posisi {bulan}",
        "en": "To be clarified, largest first, as of {bulan}",
    },
    "total_apbd": {"id": "APBD: perlu klarifikasi", "en": "City budget: to be clarified"},
    "total_manfaat": {"id": "Manfaat BPJS: perlu klarifikasi", "en": "BPJS benefits: to be clarified"},
    "temuan_ket": {
        "id": (
            "Hal yang perlu klarifikasi adalah pertanyaan untuk Dinas dan BPJS, bukan bukti kesalahan dan bukan "
            "temuan audit BPK. Rincian baris: dasbor, halaman Perlu klarifikasi."
        ),
        "en": (
            "Findings are questions for the agencies and BPJS, not proof of wrongdoing. Rows: dashboard, Findings page."
        ),
    },
    "tanpa_temuan": {"id": "Tidak ada temuan pada posisi ini.", "en": "No findings at this date."},
    "judul_tanya": {"id": "Pertanyaan pengawasan", "en": "Oversight questions"},
    "tanya_lainnya": {
        "id": "{n} pertanyaan lain dengan aturan yang sama ({kode}): lihat dasbor.",
        "en": "{n} more questions by the same rules ({kode}): see the dashboard.",
    },
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
            "Capaian kuota {nama} {angka}, {selisih} poin di bawah kota ({kota}). Apa hambatan pendaftaran di sana, "
            "dan kapan ketertinggalan ini dikejar?"
        ),
        "en": (
            "{nama} has filled {angka} of its quota, {selisih} points below the city ({kota}). What holds "
            "registration back there, and when will it catch up?"
        ),
    },
    "q_laju": {
        "id": (
            "Agar semua {semesta} pekerja rentan terlindungi pada akhir {tahun}, perlu {angka} peserta baru per "
            "bulan; enam bulan terakhir rata-rata {laju} per bulan. Bagaimana rencana dan anggarannya?"
        ),
        "en": (
            "To cover all {semesta} vulnerable workers by the end of {tahun}, {angka} new participants a month "
            "are needed; the last six months averaged {laju} a month. What is the plan, and its budget?"
        ),
    },
    "q_menunggak": {
        "id": (
            "{n} bulan tagihan iuran belum lunas, terlama {hari} hari lewat jatuh tempo (tunggakan {angka}). "
            "Kapan dibayar? Setelah tiga bulan tidak dibayar, pekerja tidak lagi terlindungi."
        ),
        "en": (
            "{n} invoice month{s} unpaid, the oldest {hari} days past due ({angka} owed). When will they be "
            "paid? After three unpaid months, workers lose their protection."
        ),
    },
    "q_lindung": {
        "id": (
            "{angka} registrasi-bulan tanpa perlindungan pada {tahun} karena tiga tagihan iuran belum dibayar "
            "(saat ini {kini} orang). Siapa yang memberi tahu pekerja, dan bagaimana agar tidak terulang?"
        ),
        "en": (
            "{angka} registration-months without protection in {tahun} because three invoices were unpaid "
            "({kini} people now). Who told the workers, and how will it not happen again?"
        ),
    },
    "q_terlambat": {
        "id": (
            "Pada {tahun}, {n} bulan iuran dibayar lewat jatuh tempo (tanggal 15), paling lama {angka} hari. "
            "Apa penyebabnya, dan bagaimana jadwal SP2D agar lunas sebelum jatuh tempo?"
        ),
        "en": (
            "In {tahun}, {n} premium month{s} were paid after the due date (the 15th), the longest {angka} days "
            "late. Why, and how will SP2D be scheduled to pay before the due date?"
        ),
    },
    "q_ditolak_tunggakan": {
        "id": (
            "{angka} klaim ditolak karena kejadiannya pada bulan tanpa perlindungan akibat iuran menunggak "
            "(manfaat JKM yang hilang {nominal}). Bagaimana Pemkot menanggung kerugian pekerja dan keluarganya?"
        ),
        "en": (
            "{angka} claim{s} refused because the incident fell in a month without protection due to unpaid "
            "premiums (JKM benefit lost: {nominal}). How will the city make good the workers' and families' loss?"
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
    "sandi_diganti": {
        "id": "Kata sandi akun ini telah diganti. Silakan masuk lagi dengan kata sandi yang baru.",
        "en": "The password of this account has been changed. Please log in again with the new password.",
    },
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


# Methodology section titles (docs/methodology.md "## " headings) in English; a finding code
# as a title stays as it is.
METHODOLOGY_TITLES = {
    "Sumber data dan impor": "Data sources and imports",
    "Perlindungan data pribadi": "Personal data protection",
    "Posisi (as-of)": "As-of month",
    "Peserta aktif dan cakupan": "Active participants and coverage",
    "Cakupan per kelurahan dan segmen": "Coverage per kelurahan and segment",
    "Tren peserta": "Participant trend",
    "Pagu": "Budget allocation (pagu)",
    "Realisasi dan serapan": "Spending (realisasi) and absorption",
    "Rekonsiliasi iuran": "Premium reconciliation",
    "Ketepatan bayar iuran": "Premium payment timeliness",
    "Perlindungan dan iuran menunggak": "Protection and premium arrears",
    "Biaya per peserta-bulan": "Cost per participant-month",
    "Proyeksi akhir tahun": "Year-end projection",
    "Klaim dibayar": "Claims paid",
    "Layanan klaim": "Claim service",
    "Klaim ditolak": "Claims refused",
    "Perlu klarifikasi": "To be clarified (findings)",
    "Perlu klarifikasi: APBD dan manfaat BPJS": "To be clarified: city budget and BPJS benefits",
    "Pembulatan dan format": "Rounding and formats",
    "Sumber": "Sources",
    "Penyamaran angka kecil (mode publik)": "Small-count masking (public mode)",
    "Pertanyaan pengawasan (briefing)": "Oversight questions (briefing)",
}


def methodology_title(title: str, lang: str = "id") -> str:
    """A methodology section title in `lang` (the document's Indonesian title otherwise)."""
    return METHODOLOGY_TITLES.get(title, title) if lang == "en" else title


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
