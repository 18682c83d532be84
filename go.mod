module github.com/deschis/deschis

go 1.26.8
