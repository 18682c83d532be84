package warehouse

import (
	"context"

	"github.com/deschis/deschis/release"
)

// Publish writes a release of the warehouse as it is now with release.Publish
// (the manifest's schema version is this warehouse's) and records it in the
// releases table.
func (w *Warehouse) Publish(ctx context.Context, opt release.Options) (res *release.Result, err error) {
	if opt.SchemaVersion, err = w.SchemaVersion(ctx); err != nil {
		return nil, err
	}
	conn, err := w.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	res, err = release.Publish(ctx, conn, opt)
	if res == nil {
		return nil, err
	}
	var rows, bytes int64
	for _, d := range res.Manifest.Datasets {
		rows += d.Rows
		for _, f := range d.Files {
			bytes += f.Bytes
		}
	}
	if _, ierr := w.db.ExecContext(ctx, `INSERT INTO releases VALUES (?, ?, ?, ?, ?, ?)`,
		res.ReleaseID, res.Path, res.Manifest.Created, len(res.Manifest.Datasets), rows, bytes); ierr != nil && err == nil {
		err = ierr
	}
	return res, err
}
