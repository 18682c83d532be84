package dashboards

// catalogueMessages are the texts of the open-data catalogue's own pages
// (dashboards/public: page_dataset.go, page_api.go) and of the preview
// cells (format_cell.go).
var catalogueMessages = map[string][2]string{
	"yes": {"da", "yes"},
	"no":  {"nu", "no"},

	"data.page":       {"Pagina setului", "Dataset page"},
	"data.api":        {"API și exemple (curl, Python, R)", "API and examples (curl, Python, R)"},
	"data.feed":       {"Noutăți (flux Atom): edițiile noi și contractele atribuite recent", "News (Atom feed): new releases and recently awarded contracts"},
	"data.feed.title": {"Noutăți: ediții de date și contracte", "News: data releases and contracts"},

	"dataset.facts":        {"Despre set", "About the dataset"},
	"dataset.rows":         {"Rânduri", "Rows"},
	"dataset.period":       {"Perioada acoperită", "Period covered"},
	"dataset.period.none":  {"– (setul nu are o dată pe rând)", "– (the dataset has no date per row)"},
	"dataset.entities":     {"Instituții", "Institutions"},
	"dataset.entities.all": {"– (setul nu are o instituție pe rând)", "– (the dataset has no institution per row)"},
	"dataset.source":       {"Sursa", "Source"},
	"dataset.frequency":    {"Se actualizează", "Updated"},
	"dataset.refreshed":    {"Ultima actualizare", "Last refreshed"},
	"dataset.refreshed.no": {"– (ediția nu numește încărcările)", "– (the release names no loads)"},
	"dataset.licence":      {"Licența", "Licence"},
	"dataset.release":      {"Ediția", "Release"},
	"dataset.api":          {"Aceleași informații, ca JSON:", "The same information, as JSON:"},

	"dataset.downloads":         {"Descărcare", "Download"},
	"dataset.downloads.caption": {"Fișierele setului în fiecare format, cu mărimea și suma de control sha256", "The dataset's files in every format, with size and sha256 checksum"},
	"dataset.format":            {"Formatul", "Format"},
	"dataset.file":              {"Fișierul", "File"},
	"dataset.size":              {"Mărimea", "Size"},
	"dataset.sha256":            {"sha256", "sha256"},
	"dataset.sha256.how":        {"Suma de control se verifică după descărcare, de exemplu cu sha256sum (Linux), shasum -a 256 (macOS) sau Get-FileHash (Windows).", "Check the checksum after downloading, e.g. with sha256sum (Linux), shasum -a 256 (macOS) or Get-FileHash (Windows)."},

	"dataset.schema":         {"Coloanele", "Columns"},
	"dataset.schema.caption": {"Coloanele setului: numele, tipul și ce înseamnă", "The dataset's columns: name, type and meaning"},
	"dataset.column":         {"Coloana", "Column"},
	"dataset.type":           {"Tipul", "Type"},
	"dataset.meaning":        {"Ce înseamnă", "Meaning"},
	"type.VARCHAR":           {"text", "text"},
	"type.INTEGER":           {"număr întreg", "integer"},
	"type.BIGINT":            {"număr întreg", "integer"},
	"type.DATE":              {"dată (aaaa-ll-zz în fișiere)", "date (yyyy-mm-dd in the files)"},
	"type.BOOLEAN":           {"adevărat / fals", "true / false"},
	"type.DECIMAL":           {"număr cu zecimale", "decimal number"},

	"dataset.preview":         {"Primele rânduri", "The first rows"},
	"dataset.preview.caption": {"Primele %d rânduri ale setului, în ordinea fișierelor", "The dataset's first %d rows, in the files' order"},
	"dataset.preview.note":    {"Rândurile cu care încep fișierele de descărcat, scrise aici cu separatorii românești. „–” înseamnă că rândul nu are o valoare în coloana respectivă (gol în CSV, null în JSON).", "The rows the downloads begin with, written here with English separators. “–” means the row has no value in that column (empty in CSV, null in JSON)."},
	"dataset.preview.empty":   {"Setul nu are niciun rând în această ediție.", "The dataset has no rows in this release."},

	"dataset.provenance":         {"Proveniența", "Provenance"},
	"dataset.provenance.rows":    {"Fiecare rând are coloana load_id: încărcarea din care provine. Tabelul de mai jos (și secțiunea loads din manifest.json) numește fișierul sursă al fiecărei încărcări, cu suma lui de control și data, ca orice cifră să poată fi citată până la fișierul din care vine.", "Every row has a load_id column: the load it came from. The table below (and the loads section of manifest.json) names each load's source file, with its checksum and time, so any number can be cited down to the file it came from."},
	"dataset.provenance.agg":     {"Rândurile acestui set sunt calculate (sume, diferențe, agregate) din rândurile încărcărilor de mai jos; fișierul sursă al fiecăreia este numit cu suma lui de control și data.", "This dataset's rows are computed (sums, differences, aggregates) from the rows of the loads below; each one's source file is named with its checksum and time."},
	"dataset.provenance.caption": {"Încărcările din care provine setul și fișierele lor sursă", "The loads the dataset came from and their source files"},
	"dataset.provenance.none":    {"Ediția nu numește fișierele încărcărilor (a fost publicată înainte ca manifestul să le cuprindă).", "The release does not name its loads' files (it was published before manifests held them)."},
	"dataset.load":               {"Încărcarea", "Load"},
	"dataset.load.dataset":       {"Setul încărcat", "Dataset loaded"},
	"dataset.load.at":            {"Încărcat la", "Loaded at"},

	"dataset.versions":         {"Edițiile anterioare", "Earlier versions"},
	"dataset.versions.caption": {"Edițiile păstrate care conțin setul, cea mai nouă întâi", "The kept releases holding the dataset, newest first"},
	"dataset.versions.none":    {"Nu s-a păstrat nicio ediție anterioară.", "No earlier release is kept."},
	"dataset.versions.current": {"(ediția curentă)", "(the current release)"},
	"dataset.version.date":     {"Publicată la", "Published"},
	"dataset.version.files":    {"Fișiere", "Files"},

	"api.title":             {"API și exemple", "API and examples"},
	"api.intro":             {"Seturile de date publice se citesc și din programe: un API JSON la %s, deschis oricărui site (CORS) și versionat (v1), și fișierele de descărcat, aceleași pe care le folosesc paginile. Fiecare răspuns are un ETag; o eroare are mereu forma {\"error\": {\"code\", \"message\": {\"ro\", \"en\"}}} și spune ce trebuie schimbat.", "The public datasets can also be read by programs: a JSON API at %s, open to any site (CORS) and versioned (v1), and the download files, the very ones the pages use. Every answer has an ETag; an error always has the shape {\"error\": {\"code\", \"message\": {\"ro\", \"en\"}}} and says what to change."},
	"api.openapi":           {"Descrierea completă, în format OpenAPI 3.1:", "The full description, as OpenAPI 3.1:"},
	"api.endpoints":         {"Adresele", "Endpoints"},
	"api.endpoints.caption": {"Adresele API-ului și ce întorc", "The API's endpoints and what they return"},
	"api.endpoint":          {"Adresa", "Endpoint"},
	"api.returns":           {"Ce întoarce", "Returns"},
	"api.ep.datasets":       {"{\"datasets\": [...]}: fiecare set public cu name, title, rows și downloads (formatele csv, csv-excel, parquet, json, ndjson, arrow, xlsx, fiecare cu url și sha256).", "{\"datasets\": [...]}: every public dataset with name, title, rows and downloads (the formats csv, csv-excel, parquet, json, ndjson, arrow, xlsx, each with url and sha256)."},
	"api.ep.dataset":        {"Metadatele unui set: schema cu ce înseamnă fiecare coloană, acoperirea, licența, ediția, sursa, încărcările și fișierele lor sursă (load_files).", "One dataset's metadata: the schema with what each column means, coverage, licence, release, source, the loads and their source files (load_files)."},
	"api.ep.rows":           {"Rândurile unui set, filtrate și paginate: {\"rows\": [...], \"next\": ..., \"next_url\": ...}.", "A dataset's rows, filtered and paged: {\"rows\": [...], \"next\": ..., \"next_url\": ...}."},
	"api.ep.openapi":        {"Documentul OpenAPI 3.1 al acestor adrese.", "The OpenAPI 3.1 document of these endpoints."},
	"api.rows":              {"Interogarea rândurilor", "Querying rows"},
	"api.rows.caption":      {"Parametrii adresei /api/v1/datasets/{name}/rows", "The parameters of /api/v1/datasets/{name}/rows"},
	"api.param":             {"Parametrul", "Parameter"},
	"api.param.means":       {"Ce face", "What it does"},
	"api.p.eq":              {"rândurile în care coloana col are valoarea dată; oricare coloană a schemei", "the rows whose column col has the given value; any column of the schema"},
	"api.p.cmp":             {"mai mare, mai mare sau egal, mai mic, mai mic sau egal", "greater than, at least, less than, at most"},
	"api.p.contains":        {"coloana conține textul dat", "the column contains the given text"},
	"api.p.in":              {"coloana are una dintre valorile date, despărțite prin virgulă", "the column has one of the given values, comma-separated"},
	"api.p.sort":            {"ordinea: după col crescător, -col descrescător", "the order: by col ascending, -col descending"},
	"api.p.fields":          {"doar coloanele date", "only the given columns"},
	"api.p.limit":           {"câte rânduri pe pagină (implicit 100)", "rows per page (100 by default)"},
	"api.p.cursor":          {"pagina următoare: valoarea next din răspunsul precedent (sau urmați next_url); este legată de ediție și de interogare", "the next page: the next value of the previous answer (or follow next_url); it is bound to the release and the query"},
	"api.p.format":          {"răspunsul în formatul unei descărcări (csv, csv-excel, json, ndjson, arrow, xlsx, parquet), trimis pe măsură ce se citește", "the answer in a download's format (csv, csv-excel, json, ndjson, arrow, xlsx, parquet), streamed"},
	"api.limits":            {"Limitele", "Limits"},
	"api.limits.text":       {"Limitele sunt setări cu nume (mărimea paginii, timpul unei interogări, mărimea răspunsului); o cerere peste o limită primește o eroare 400 care spune limita și ce trebuie schimbat.", "Limits are named settings (page size, query time, response size); a request over a limit gets a 400 error naming the limit and what to change."},
	"api.limits.caption":    {"Limitele API-ului", "The API's limits"},
	"api.limit":             {"Setarea", "Setting"},
	"api.limit.value":       {"Valoarea", "Value"},
	"api.examples":          {"Exemple", "Examples"},
	"api.ex.curl":           {"curl: lista seturilor, metadatele unui set, o descărcare și suma ei de control", "curl: the datasets, one dataset's metadata, a download and its checksum"},
	"api.ex.python":         {"Python (pandas): un set din CSV sau JSON, cei mai mari furnizori", "Python (pandas): a dataset from CSV or JSON, the largest suppliers"},
	"api.ex.r":              {"R: același set, din CSV și din API", "R: the same dataset, from CSV and from the API"},
	"api.ex.note":           {"Exemplele folosesc adresele acestui site și setul „%s”; oricare alt set se citește la fel, cu numele lui. Valorile sunt în lei, cu punct zecimal în CSV; fișierul CSV Excel (-excel.csv) are separatorii românești.", "The examples use this site's addresses and the dataset “%s”; any other dataset reads the same way, by its name. Amounts are in lei, with a decimal point in CSV; the CSV Excel file (-excel.csv) has Romanian separators."},
	"api.c.list":            {"seturile publice, cu adresa și sha256-ul fiecărei descărcări", "the public datasets, with the URL and sha256 of every download"},
	"api.c.meta":            {"metadatele unui set: coloane, acoperire, licență, încărcări și fișierele lor sursă", "one dataset's metadata: columns, coverage, licence, loads and their source files"},
	"api.c.csv":             {"tot setul ca CSV, apoi suma lui de control, de comparat cu cea din manifest", "the whole dataset as CSV, then its checksum, to compare with the manifest's"},
	"api.c.py.csv":          {"CSV (UTF-8, separat prin virgulă, punct zecimal)", "CSV (UTF-8, comma-separated, decimal point)"},
	"api.c.py.json":         {"aceleași rânduri ca JSON (o listă de obiecte)", "the same rows as JSON (an array of objects)"},
	"api.c.top":             {"cei mai mari zece furnizori după valoare (fără acordurile-cadru, ca pe site)", "the ten largest suppliers by value (framework agreements left out, as on the site)"},
	"api.c.py.excel":        {"CSV-ul pentru un Excel în limba română: ; și virgulă zecimală", "the CSV for Excel with a Romanian locale: ; and decimal comma"},
	"api.c.r.api":           {"lista seturilor din API, cu pachetul jsonlite", "the list of datasets from the API, with the jsonlite package"},
	"api.feed":              {"Fluxul Atom al noutăților (ediții noi, contracte atribuite recent):", "The Atom feed of news (new releases, recently awarded contracts):"},
}

func init() {
	for k, v := range catalogueMessages {
		if _, dup := messages[k]; dup {
			panic("dashboards: text " + k + " is defined twice")
		}
		messages[k] = v
	}
}
