package opendata

import (
	"strconv"
	"time"

	"github.com/deschis/deschis/models"
)

// Limits are the limits of the API's rows endpoint, the settings
// models.APILimits declares (cmd/publicsite reads them from its
// configuration and passes them to SetLimits).
type Limits struct {
	MaxRows       int           // api-max-rows: the largest limit a page may ask
	QueryTimeout  time.Duration // api-query-timeout: how long a page's query may run
	MaxResponseMB int           // api-max-response-mb: the largest answer, MiB
}

// DefaultLimits are the limits' declared defaults.
func DefaultLimits() Limits {
	var l Limits
	for _, d := range models.APILimits {
		switch d.Key {
		case models.LimitMaxRows:
			l.MaxRows, _ = strconv.Atoi(d.Default)
		case models.LimitQueryTimeout:
			l.QueryTimeout, _ = time.ParseDuration(d.Default)
		case models.LimitMaxResponse:
			l.MaxResponseMB, _ = strconv.Atoi(d.Default)
		}
	}
	return l
}

// SetLimits sets the limits of the rows endpoint (DefaultLimits until then).
func (s *Server) SetLimits(l Limits) { s.limits = l }

// Limits are the limits the rows endpoint enforces.
func (s *Server) Limits() Limits { return s.limits }

func (l Limits) maxBytes() int64 { return int64(l.MaxResponseMB) << 20 }
