{{/*
Chart name, truncated to 63 characters (the limit of a DNS-1123 label).
*/}}
{{- define "tenant-app.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name: <release>-<chart>, or the release name alone when it
already contains the chart name. Truncated to 63 characters.
*/}}
{{- define "tenant-app.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, as used by the helm.sh/chart label.
*/}}
{{- define "tenant-app.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The tenant id (required; tenantctl sets it).
*/}}
{{- define "tenant-app.tenantId" -}}
{{- required "tenant.id is required (tenantctl sets it from the tenant name)" .Values.tenant.id }}
{{- end }}

{{/*
The tenant's namespace: tenant-<id>.
*/}}
{{- define "tenant-app.namespace" -}}
{{- printf "tenant-%s" (include "tenant-app.tenantId" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Image tag: image.tag, or the chart's appVersion.
*/}}
{{- define "tenant-app.imageTag" -}}
{{- default .Chart.AppVersion .Values.image.tag }}
{{- end }}

{{/*
Selector labels (immutable on a Deployment: keep this set stable).
*/}}
{{- define "tenant-app.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tenant-app.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
tenant-id: {{ include "tenant-app.tenantId" . }}
{{- end }}

{{/*
Common labels, on every object.
*/}}
{{- define "tenant-app.labels" -}}
helm.sh/chart: {{ include "tenant-app.chart" . }}
{{ include "tenant-app.selectorLabels" . }}
tier: {{ required "tenant.tier is required" .Values.tenant.tier }}
app.kubernetes.io/version: {{ include "tenant-app.imageTag" . | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
ServiceAccount name.
*/}}
{{- define "tenant-app.serviceAccountName" -}}
{{- include "tenant-app.fullname" . }}
{{- end }}

{{/*
Checks that cannot be expressed in values.schema.json (it cannot compare two fields).
*/}}
{{- define "tenant-app.validate" -}}
{{- if .Values.autoscaling.enabled }}
{{- if gt (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas) }}
{{- fail (printf "autoscaling.minReplicas (%d) must not exceed autoscaling.maxReplicas (%d)" (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas)) }}
{{- end }}
{{- end }}
{{- if and (ne (toString .Values.placement) "pool") (ne (toString .Values.placement) "silo") }}
{{- fail (printf "placement must be pool or silo, not %q" (toString .Values.placement)) }}
{{- end }}
{{- end }}
