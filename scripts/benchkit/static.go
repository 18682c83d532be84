package benchkit

import (
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/deschis/deschis/dashboards"
)

// ServeStatic is the baseline server: the same stack as cmd/publicsite
// (Go's net/http, the site's security headers, its header timeout) serving
// the files of dir with http.FileServer, on a loopback port it prints as
// "listening http://…" (StaticAddr). It returns when interrupted. The
// benchmarks run it as a child process of their own binary, so that it is
// one Go process like the site, measured one at a time.
func ServeStatic(dir string) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	h := dashboards.SecurityHeaders(http.FileServer(http.Dir(dir)))
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	fmt.Printf("listening http://%s\n", ln.Addr())
	go func() {
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
		<-sig
		srv.Close()
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}
