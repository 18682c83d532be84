package warehouse

import "context"

// DeploymentEntities lists the fiscal codes of every institution registered
// in the warehouse (dim_entity: a county's council, towns, communes and
// their units after etl init --county and an entities file), sorted: the
// rows etl load --only-deployment keeps.
func (w *Warehouse) DeploymentEntities(ctx context.Context) ([]string, error) {
	rows, err := w.db.QueryContext(ctx, `SELECT cui FROM dim_entity ORDER BY cui`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var cui string
		if err := rows.Scan(&cui); err != nil {
			return nil, err
		}
		out = append(out, cui)
	}
	return out, rows.Err()
}
