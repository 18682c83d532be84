package public

import (
	"slices"
	"strings"
	"time"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

// previewRows is how many rows a dataset page shows.
const previewRows = 10

type datasetView struct {
	*dashboards.Page
	Name, Description, Source, Frequency string
	Rows                                 int64
	From, To                             string
	EntityNames                          []dashboards.Cell
	Licence                              models.Licence
	Refreshed                            time.Time
	Files                                []datasetFile
	Absent                               []absentFile // formats the dataset is not written in, and why
	Schema                               []schemaColumn
	Columns                              []string
	Preview                              [][]dashboards.Cell
	RowLevel                             bool // its rows carry load_id
	Loads                                []models.ManifestLoad
	Versions                             []datasetVersion
	API                                  string
}

type datasetFile struct {
	Label, Href, Size, SHA256 string
	Bytes                     int64
}

type absentFile struct {
	Format, Label, Reason string
}

type schemaColumn struct {
	Name, Type, TypeText, Meaning string
}

type datasetVersion struct {
	ReleaseID string
	Created   time.Time
	Rows      int64
	Current   bool
	Files     []datasetFile // Parquet, CSV and the manifest
}

// dataset: one public dataset of the current release, its catalogue page.
func (s *Server) dataset(q *request) (string, any, error) {
	lang, name := q.lang, urlParam(q, "name")
	m := q.rel.Manifest()
	d, ok := m.Dataset(name)
	if !ok || d.Access != models.Public {
		return "", nil, models.ErrNotFound
	}
	q.page.SetActive("data")
	q.page.Title = dashboards.Text(lang, d.Title)
	v := &datasetView{Page: q.page, Name: d.Name, Description: dashboards.Text(lang, d.Description),
		Source: dashboards.Text(lang, d.Source), Frequency: dashboards.Text(lang, d.Frequency), Rows: d.Rows,
		Licence: d.Licence, Loads: m.LoadsOf(d), API: "/api/v1/datasets/" + d.Name}
	if v.Licence == (models.Licence{}) {
		v.Licence = m.Licence
	}
	v.From, v.To = coverageDate(lang, d.Period, d.Coverage.From), coverageDate(lang, d.Period, d.Coverage.To)
	for _, cui := range d.Coverage.Entities {
		name := cui
		if e, err := q.rel.Entity(cui); err == nil {
			name = e.Name
		}
		v.EntityNames = append(v.EntityNames, dashboards.DataCell(lang, name))
	}
	for _, l := range v.Loads {
		if l.LoadedAt.After(v.Refreshed) {
			v.Refreshed = l.LoadedAt
		}
	}
	for _, f := range models.Formats {
		if file, ok := d.File(f.ID); ok {
			v.Files = append(v.Files, datasetFile{Label: f.Label, Href: "/date/" + d.Name + f.Suffix,
				Size: dashboards.FormatBytes(lang, file.Bytes), Bytes: file.Bytes, SHA256: file.SHA256})
		}
	}
	for _, a := range d.Absent {
		if f, ok := models.FormatByID(a.Format); ok {
			v.Absent = append(v.Absent, absentFile{Format: f.ID, Label: f.Label, Reason: dashboards.Text(lang, a.Reason)})
		}
	}
	for _, c := range d.Schema {
		base, _, _ := strings.Cut(c.Type, "(")
		v.Schema = append(v.Schema, schemaColumn{Name: c.Name, Type: c.Type, TypeText: dashboards.T(lang, "type."+base),
			Meaning: dashboards.Text(lang, c.Description)})
		v.Columns = append(v.Columns, c.Name)
		v.RowLevel = v.RowLevel || c.Name == "load_id"
	}
	p, err := q.rel.Preview(q.ctx(), d.Name, previewRows)
	if err != nil {
		return "", nil, err
	}
	for _, row := range p.Rows {
		cells := make([]dashboards.Cell, len(row))
		for i, c := range row {
			cells[i] = dashboards.PreviewCell(lang, p.Columns[i], c)
		}
		v.Preview = append(v.Preview, cells)
	}
	if s.cfg.Versions != nil {
		ms, err := s.cfg.Versions()
		if err != nil {
			return "", nil, err
		}
		for _, vm := range ms {
			vd, ok := vm.Dataset(d.Name)
			if !ok || vd.Access != models.Public {
				continue
			}
			ver := datasetVersion{ReleaseID: vm.ReleaseID, Created: vm.Created, Rows: vd.Rows, Current: vm.ReleaseID == m.ReleaseID}
			dir := "/date/editii/" + vm.ReleaseID + "/"
			for _, f := range models.Formats {
				if file, ok := vd.File(f.ID); ok && slices.Contains([]string{"parquet", "csv"}, f.ID) {
					ver.Files = append(ver.Files, datasetFile{Label: f.Label, Href: dir + d.Name + f.Suffix, Bytes: file.Bytes})
				}
			}
			ver.Files = append(ver.Files, datasetFile{Label: "manifest.json", Href: dir + "manifest.json"})
			v.Versions = append(v.Versions, ver)
		}
	}
	return "dataset", v, nil
}
