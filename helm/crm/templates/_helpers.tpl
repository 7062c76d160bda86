{{/* The four services, in the order of the flow. */}}
{{- define "crm.serviceKeys" -}}ingest profile segment journey{{- end -}}

{{- define "crm.chart" -}}{{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}{{- end -}}

{{/* Resource name of a service: <release>-<key>-service. */}}
{{- define "crm.serviceName" -}}{{ printf "%s-%s-service" .root.Release.Name .key | trunc 63 | trimSuffix "-" }}{{- end -}}

{{- define "crm.selectorLabels" -}}
app.kubernetes.io/name: {{ .key }}-service
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "crm.labels" -}}
{{ include "crm.selectorLabels" . }}
app.kubernetes.io/part-of: crm
app.kubernetes.io/component: {{ .key }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ include "crm.chart" .root }}
{{- end -}}

{{/* Labels of the release's objects that belong to no single service. */}}
{{- define "crm.commonLabels" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: crm
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ include "crm.chart" . }}
{{- end -}}

{{- define "crm.image" -}}
{{- $img := .root.Values.image -}}
{{- $tag := $img.tag | default .root.Chart.AppVersion -}}
{{- if and (eq $img.flavour "native") (not (hasSuffix "-native" $tag)) }}{{ $tag = printf "%s-native" $tag }}{{ end -}}
{{ printf "%s/%s/%s-service:%s" $img.registry $img.repository .key $tag }}
{{- end -}}

{{- define "crm.kafkaCluster" -}}{{ printf "%s-kafka" .Release.Name }}{{- end -}}
{{- define "crm.postgresCluster" -}}{{ printf "%s-postgres" .Release.Name }}{{- end -}}

{{- define "crm.kafkaBootstrap" -}}
{{- if .Values.kafka.bootstrapServers -}}{{ .Values.kafka.bootstrapServers }}
{{- else if .Values.strimzi.enabled -}}{{ printf "%s-kafka-bootstrap:9092" (include "crm.kafkaCluster" .) }}
{{- else -}}{{ fail "kafka.bootstrapServers is required when strimzi.enabled is false" }}
{{- end -}}
{{- end -}}

{{- define "crm.postgresHost" -}}
{{- if .Values.postgresql.host -}}{{ .Values.postgresql.host }}
{{- else if .Values.cloudnativepg.enabled -}}{{ printf "%s-rw" (include "crm.postgresCluster" .) }}
{{- else -}}{{ fail "postgresql.host is required when cloudnativepg.enabled is false" }}
{{- end -}}
{{- end -}}

{{- define "crm.authSecret" -}}{{ .Values.auth.existingSecret | default (printf "%s-auth" .Release.Name) }}{{- end -}}

{{/* Basic-auth Secret of a service's database role. */}}
{{- define "crm.dbSecret" -}}
{{- $svc := index .root.Values.services .key -}}
{{- if $svc.database.existingSecret -}}{{ $svc.database.existingSecret }}
{{- else if .root.Values.cloudnativepg.enabled -}}{{ printf "%s-db-%s" .root.Release.Name $svc.database.name }}
{{- else -}}{{ fail (printf "services.%s.database.existingSecret is required when cloudnativepg.enabled is false" .key) }}
{{- end -}}
{{- end -}}
