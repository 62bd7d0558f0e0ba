{{/*
The objects' name: the release name when it already holds the chart's name (tenantctl's release is
tenant-gateway), else <release>-tenant-gateway; at most 63 characters.
*/}}
{{- define "tenant-gateway.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
