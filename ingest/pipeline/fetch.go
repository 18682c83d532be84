package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
)

// Sources lists the files of a pipeline: the glob's matches in name order,
// or the URL fetched into the downloads directory.
func (r *Runner) Sources(ctx context.Context, p Pipeline) ([]string, error) {
	if p.IsURL() {
		path, err := r.Fetch(ctx, p)
		if err != nil {
			return nil, err
		}
		return []string{path}, nil
	}
	paths, err := filepath.Glob(p.Path)
	if err != nil {
		return nil, fmt.Errorf("path %s: %v", p.Path, err)
	}
	slices.Sort(paths)
	return paths, nil
}

// Fetch downloads a pipeline's URL into downloads/<name>/, asking the server
// for the file only if it changed (ETag, Last-Modified, kept beside it in
// <file>.http.json); an unchanged download then skips as an already-loaded
// file. A broken transfer never replaces a good file.
func (r *Runner) Fetch(ctx context.Context, p Pipeline) (string, error) {
	dir := r.Config.Downloads
	if dir == "" {
		dir = "downloads"
	}
	dir = filepath.Join(r.Config.Resolve(dir), p.Name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	u, err := url.Parse(p.Path)
	if err != nil {
		return "", fmt.Errorf("path %s: %v", p.Path, err)
	}
	name := filepath.Base(u.Path)
	if name == "." || name == "/" || name == "" {
		name = "download"
	}
	path := filepath.Join(dir, name)
	meta := path + ".http.json"
	var prev struct{ ETag, LastModified string }
	if b, err := os.ReadFile(meta); err == nil {
		json.Unmarshal(b, &prev)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.Path, nil)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(path); err == nil {
		if prev.ETag != "" {
			req.Header.Set("If-None-Match", prev.ETag)
		}
		if prev.LastModified != "" {
			req.Header.Set("If-Modified-Since", prev.LastModified)
		}
	}
	client := r.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", fmt.Errorf("descărcare %s: %v", p.Path, err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return path, nil
	case resp.StatusCode != http.StatusOK:
		return "", fmt.Errorf("descărcare %s: serverul a răspuns %s", p.Path, resp.Status)
	}
	// Download beside the target and rename: a broken transfer never
	// replaces a good file.
	tmp, err := os.CreateTemp(dir, name+".part-*")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, resp.Body); err != nil {
		tmp.Close()
		return "", fmt.Errorf("descărcare %s: %v", p.Path, err)
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return "", err
	}
	prev.ETag, prev.LastModified = resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	b, _ := json.Marshal(prev)
	return path, os.WriteFile(meta, b, 0o644)
}
