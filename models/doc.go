// Package models is the domain of Deschis: entities, budget lines, investments,
// contracts and requests, the budget classification and CPV catalogues, the
// dataset vocabulary and the error values. It imports only the standard library.
package models
