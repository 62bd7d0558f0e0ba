{{- define "tenant-app.labels" -}}
tenant-id: {{ .Values.tenant.id | quote }}
tier: {{ .Values.tenant.tier | quote }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}
