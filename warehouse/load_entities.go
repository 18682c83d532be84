package warehouse

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/deschis/deschis/models"
)

// RegisteredEntity is an institution a load registered from its rows.
type RegisteredEntity struct {
	CUI    string `json:"cui"`
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	Source string `json:"source"` // "uat" (reference list of administrative units) or "data"
}

// entityNameField is the field of a dataset that names the institution of
// a row, when the source gives it.
var entityNameField = map[string]string{
	models.DatasetBudget:      "entity_name",
	models.DatasetProcurement: "buyer_name",
}

// registerEntities adds to dim_entity, inside the load's transaction, the
// institutions named by staged rows that the warehouse does not know: an
// administrative unit from the reference list (with SIRUTA code, county and
// census population), any other institution under the name its rows give
// (kind "altă instituție"). Unknown institutions without a name are left to
// checkStaged, which rejects their rows.
func registerEntities(ctx context.Context, conn *sql.Conn, dataset string, loadID int64) ([]RegisteredEntity, error) {
	r := rules[dataset]
	if r.entity == "" {
		return nil, nil
	}
	name := "NULL"
	if f, ok := entityNameField[dataset]; ok {
		name = fmt.Sprintf("mode(%s)", f)
	}
	q := fmt.Sprintf(`SELECT %[1]s, %[2]s FROM stg_rows
		WHERE ok AND %[1]s NOT IN (SELECT cui FROM dim_entity) GROUP BY 1 ORDER BY 1`, r.entity, name)
	if direct(dataset) { // the rows are in the fact table, their names in stg_names
		q = directUnknownEntities(dataset, loadID)
	}
	rows, err := conn.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	type unknown struct {
		cui  string
		name sql.NullString
	}
	var found []unknown
	for rows.Next() {
		var u unknown
		if err := rows.Scan(&u.cui, &u.name); err != nil {
			rows.Close()
			return nil, err
		}
		found = append(found, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []RegisteredEntity
	for _, u := range found {
		if uat, ok := models.LookupUAT(u.cui); ok {
			if _, err := conn.ExecContext(ctx, `INSERT INTO dim_entity (cui, siruta, name, kind, parent_cui, county, load_id, name_genitive)
				VALUES (?, ?, ?, ?, NULL, ?, ?, nullif(?, ''))`,
				uat.CUI, uat.SIRUTA, uat.Name, string(uat.Kind), uat.County, loadID, models.GenitiveName(uat.Kind, uat.Name)); err != nil {
				return nil, err
			}
			if _, err := conn.ExecContext(ctx, `INSERT INTO entity_population VALUES (?, ?, ?, ?)`,
				uat.CUI, uat.PopulationYear, uat.Population, loadID); err != nil {
				return nil, err
			}
			out = append(out, RegisteredEntity{uat.CUI, uat.Name, string(uat.Kind), "uat"})
			continue
		}
		if !u.name.Valid || u.name.String == "" {
			continue
		}
		// The county of an institution outside the reference list is not in
		// the rows: it stays empty until an entities file gives it.
		if _, err := conn.ExecContext(ctx, `INSERT INTO dim_entity (cui, siruta, name, kind, parent_cui, county, load_id) VALUES (?, NULL, ?, ?, NULL, '', ?)`,
			u.cui, u.name.String, string(models.KindAlta), loadID); err != nil {
			return nil, err
		}
		out = append(out, RegisteredEntity{u.cui, u.name.String, string(models.KindAlta), "data"})
	}
	return out, nil
}

// deriveGenitives fills, inside the load's transaction, the genitive-dative
// of the institutions whose entities file gave none and whose kind has a
// rule (models.GenitiveName: municipalities, towns, communes, counties,
// sectors). The others keep the form their file gave, or none.
func deriveGenitives(ctx context.Context, conn *sql.Conn) error {
	rows, err := conn.QueryContext(ctx, `SELECT cui, kind, name FROM dim_entity WHERE name_genitive IS NULL ORDER BY cui`)
	if err != nil {
		return err
	}
	derived := map[string]string{}
	for rows.Next() {
		var cui, kind, name string
		if err := rows.Scan(&cui, &kind, &name); err != nil {
			rows.Close()
			return err
		}
		if g := models.GenitiveName(models.EntityKind(kind), name); g != "" {
			derived[cui] = g
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for cui, g := range derived {
		if _, err := conn.ExecContext(ctx, `UPDATE dim_entity SET name_genitive = ? WHERE cui = ?`, g, cui); err != nil {
			return err
		}
	}
	return nil
}
