package release

import (
	"context"
	"database/sql"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/deschis/deschis/models"
)

// manifestLoads reads, from the warehouse's loads table, the files of every
// load the datasets list: the manifest's provenance section. A file is
// named by its base name only, so no path of the server's disk reaches a
// release.
func manifestLoads(ctx context.Context, conn *sql.Conn, datasets []models.ManifestDataset) ([]models.ManifestLoad, error) {
	var ids []int64
	for _, d := range datasets {
		ids = append(ids, d.Loads...)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	out := []models.ManifestLoad{}
	if len(ids) == 0 {
		return out, nil
	}
	list := make([]string, len(ids))
	for i, id := range ids {
		list[i] = strconv.FormatInt(id, 10)
	}
	rows, err := conn.QueryContext(ctx, `SELECT load_id, dataset, path, sha256, bytes, finished_at FROM loads
		WHERE outcome = 'loaded' AND load_id IN (`+strings.Join(list, ",")+`) ORDER BY load_id, file_no`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var l models.ManifestLoad
		var p string
		if err := rows.Scan(&l.ID, &l.Dataset, &p, &l.SHA256, &l.Bytes, &l.LoadedAt); err != nil {
			return nil, err
		}
		l.File, l.LoadedAt = baseName(p), l.LoadedAt.UTC().Truncate(time.Second)
		out = append(out, l)
	}
	return out, rows.Err()
}

// baseName is the last element of a file's path or URL as a load recorded
// it, whichever separator it was written with, without a URL's query.
func baseName(p string) string {
	if i := strings.IndexAny(p, "?#"); i >= 0 && strings.Contains(p, "://") {
		p = p[:i]
	}
	return path.Base(strings.ReplaceAll(p, `\`, "/"))
}
