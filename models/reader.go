package models

import (
	"context"
	"database/sql"
)

// Reader is what the servers read from one release, the way pkgsite's
// frontend reads through its DataSource: the release's manifest, its
// institutions, and the queries the pages make, one method per question.
// Package release implements it over the release's Parquet files; page
// tests may use a small fake.
type Reader interface {
	// Manifest describes the release: id, creation time, licence, datasets.
	Manifest() *Manifest
	// Entities are the institutions of the release, by fiscal code.
	Entities() []Entity
	// Entity returns the institution with fiscal code cui, or ErrNotFound.
	Entity(cui string) (Entity, error)
	// MainEntity is the institution pages show when none is asked for: the
	// top authority of the deployment.
	MainEntity() string
	// Years lists the years a dataset (DatasetBudget, DatasetInvestments,
	// DatasetProcurement, DatasetRequests) has for an entity, ascending.
	Years(dataset, entity string) []int
	// DefaultYear is the year pages show for an entity when none is asked
	// for: the latest budget year, else the latest year of any other
	// dataset, else the year the release was made.
	DefaultYear(entity string) int

	BudgetReader
	InvestmentReader
	ProcurementReader
	RequestReader
	PreviewReader
	CountyReader
}

// SQLReader is a release read with SQL over its tables, one per dataset and
// named like it (procurement, budget, ...): how package kpis computes the
// procurement signals, each written once as SQL there. The queries are the
// program's own, never a visitor's text. Package release implements it; a
// page test's fake need not.
type SQLReader interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}
