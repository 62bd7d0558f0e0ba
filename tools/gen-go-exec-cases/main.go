// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0

// Command gen-go-exec-cases runs text/template rows through Go's own text/template and prints what Go does.
// It is driven by tools/gen-go-exec-cases/gen.py (see there); it reads a JSON array of rows on stdin:
//
//	{"templates": [["t", "{{ .a }}"], ...], "exec": "t", "data": <typed JSON>}
//
// and writes a JSON array of results: {"parse": "..."} for a parse error, else {"out": "..."} or
// {"err": "..."} for the execution. Templates use missingkey=zero, as Helm sets it.
//
// Typed JSON: null, bools and strings are themselves; a number with '.', 'e' or 'E' is a float64, any other
// number an int; arrays are []interface{}, objects map[string]interface{}; an object with a single key
// starting with '$' is a typed value: {"$int64": 1}, {"$uint": 1}, {"$uint8": 1}, {"$strs": ["a"]} ([]string),
// {"$ints": [1]} ([]int), {"$smap": {"k": "v"}} (map[string]string), {"$bytes": "ab"} ([]byte), and
// {"$T": {"X": "s", "N": 1}}: a T (below), a struct with fields and methods, mirrored by the Swift test.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"text/template"
)

// T is the struct rows reach as {"$T": ...}: exported fields (P is always a nil pointer) and methods of each
// shape text/template calls (no arguments, fixed, variadic, with an error result).
type T struct {
	X string
	N int
	P *T
}

func (t T) Method0() string                { return "M0" }
func (t T) Method1(a int) int              { return a }
func (t T) Method2(a int, b string) string { return fmt.Sprintf("%d-%s", a, b) }
func (t T) Variadic(a ...int) int {
	s := 0
	for _, x := range a {
		s += x
	}
	return s
}
func (t T) Err() (string, error)    { return "", errors.New("my error") }
func (t T) Ok() (string, error)     { return "ok", nil }
func (t T) Str(s string) string     { return "<" + s + ">" }
func (t T) Float(f float64) float64 { return f * 2 }

type row struct {
	Templates [][2]string     `json:"templates"`
	Exec      string          `json:"exec"`
	Data      json.RawMessage `json:"data"`
}

type result struct {
	Parse *string `json:"parse,omitempty"`
	Out   *string `json:"out,omitempty"`
	Err   *string `json:"err,omitempty"`
}

func decode(raw json.RawMessage) (interface{}, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v interface{}
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	return convert(v)
}

func num(v interface{}) (json.Number, error) {
	n, ok := v.(json.Number)
	if !ok {
		return "", fmt.Errorf("not a number: %v", v)
	}
	return n, nil
}

func convert(v interface{}) (interface{}, error) {
	switch x := v.(type) {
	case json.Number:
		if strings.ContainsAny(string(x), ".eE") {
			return x.Float64()
		}
		i, err := x.Int64()
		return int(i), err
	case []interface{}:
		out := make([]interface{}, len(x))
		for i, e := range x {
			c, err := convert(e)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	case map[string]interface{}:
		if len(x) == 1 {
			for k, e := range x {
				if strings.HasPrefix(k, "$") {
					return typed(k, e)
				}
			}
		}
		out := make(map[string]interface{}, len(x))
		for k, e := range x {
			c, err := convert(e)
			if err != nil {
				return nil, err
			}
			out[k] = c
		}
		return out, nil
	}
	return v, nil
}

func typed(k string, e interface{}) (interface{}, error) {
	switch k {
	case "$int64", "$uint", "$uint8":
		n, err := num(e)
		if err != nil {
			return nil, err
		}
		i, err := n.Int64()
		if err != nil {
			return nil, err
		}
		switch k {
		case "$int64":
			return i, nil
		case "$uint":
			return uint(i), nil
		default:
			return uint8(i), nil
		}
	case "$strs":
		var out []string
		for _, s := range e.([]interface{}) {
			out = append(out, s.(string))
		}
		return out, nil
	case "$ints":
		var out []int
		for _, s := range e.([]interface{}) {
			n, err := num(s)
			if err != nil {
				return nil, err
			}
			i, err := n.Int64()
			if err != nil {
				return nil, err
			}
			out = append(out, int(i))
		}
		return out, nil
	case "$smap":
		out := map[string]string{}
		for mk, mv := range e.(map[string]interface{}) {
			out[mk] = mv.(string)
		}
		return out, nil
	case "$bytes":
		return []byte(e.(string)), nil
	case "$T":
		m := e.(map[string]interface{})
		t := T{}
		if x, ok := m["X"].(string); ok {
			t.X = x
		}
		if n, ok := m["N"].(json.Number); ok {
			i, err := n.Int64()
			if err != nil {
				return nil, err
			}
			t.N = int(i)
		}
		return t, nil
	}
	return nil, fmt.Errorf("unknown typed value %s", k)
}

func run(r row) (res result) {
	data, err := decode(r.Data)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bad data:", err)
		os.Exit(1)
	}
	var t *template.Template
	for _, nt := range r.Templates {
		if t == nil {
			t = template.New(nt[0]).Option("missingkey=zero")
		}
		if _, err := t.New(nt[0]).Parse(nt[1]); err != nil {
			s := err.Error()
			return result{Parse: &s}
		}
	}
	defer func() {
		if p := recover(); p != nil {
			s := fmt.Sprintf("panic: %v", p)
			res = result{Err: &s}
		}
	}()
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, r.Exec, data); err != nil {
		s := err.Error()
		return result{Err: &s}
	}
	s := buf.String()
	return result{Out: &s}
}

func main() {
	var rows []row
	if err := json.NewDecoder(os.Stdin).Decode(&rows); err != nil {
		fmt.Fprintln(os.Stderr, "bad input:", err)
		os.Exit(1)
	}
	out := make([]result, len(rows))
	for i, r := range rows {
		out[i] = run(r)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
