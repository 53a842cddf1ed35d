#!/bin/sh
# One-shot set-up of the video bucket in MinIO (deploy/compose.yaml, service minio-init; issue 12).
# Safe to run again on every `docker compose up`: each step leaves what is already there as it is.
#   - the bucket ESEP_S3_BUCKET, with versioning (a deleted or overwritten video stays recoverable
#     for NONCURRENT_DAYS; docs/deployment.md, "Backups");
#   - its lifecycle: noncurrent versions expire after NONCURRENT_DAYS, delete markers left alone
#     are removed, multipart uploads abandoned for 7 days are aborted (Esep's own hourly sweep
#     removes uploads unfinished after ESEP_UPLOAD_EXPIRY_HOURS; this is the store's backstop);
#   - Esep's own access key, allowed this bucket only (not the MinIO root account).
set -eu

: "${MINIO_ROOT_USER:?}" "${MINIO_ROOT_PASSWORD:?}" "${ESEP_S3_BUCKET:?}" "${ESEP_S3_ACCESS_KEY:?}" "${ESEP_S3_SECRET_KEY:?}"
NONCURRENT_DAYS="${NONCURRENT_DAYS:-30}"
bucket="esep/${ESEP_S3_BUCKET}"

mc alias set esep "${MINIO_URL:-http://minio:9000}" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD"
mc mb --ignore-existing "$bucket"
mc version enable "$bucket"

# `mc ilm import` replaces the bucket's whole lifecycle configuration: running it again adds nothing.
mc ilm import "$bucket" <<EOF
{
  "Rules": [
    {
      "ID": "esep-noncurrent",
      "Status": "Enabled",
      "Filter": { "Prefix": "" },
      "NoncurrentVersionExpiration": { "NoncurrentDays": ${NONCURRENT_DAYS} },
      "Expiration": { "ExpiredObjectDeleteMarker": true }
    },
    {
      "ID": "esep-abandoned-multipart",
      "Status": "Enabled",
      "Filter": { "Prefix": "" },
      "AbortIncompleteMultipartUpload": { "DaysAfterInitiation": 7 }
    }
  ]
}
EOF

policy=/tmp/esep-s3-policy.json
cat >"$policy" <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
      "Resource": ["arn:aws:s3:::${ESEP_S3_BUCKET}"]
    },
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
      "Resource": ["arn:aws:s3:::${ESEP_S3_BUCKET}/*"]
    }
  ]
}
EOF
mc admin policy create esep esep-videos "$policy"
mc admin user add esep "$ESEP_S3_ACCESS_KEY" "$ESEP_S3_SECRET_KEY"
# Attaching a policy the user already has is refused: that is the second run, not an error.
mc admin policy attach esep esep-videos --user "$ESEP_S3_ACCESS_KEY" 2>/dev/null \
  || mc admin user info esep "$ESEP_S3_ACCESS_KEY" | grep -q esep-videos
echo "minio-init: bucket ${ESEP_S3_BUCKET} ready (versioning on, noncurrent versions kept ${NONCURRENT_DAYS} days)"
