import { Alert, Badge, Button, CopyButton, FileButton, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconCopy, IconPlayerPause, IconPlayerPlay, IconRefresh, IconUpload, IconX } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Uppy, { type Meta, type UppyFile } from '@uppy/core';
import { useUppyState } from '@uppy/react';
import Tus, { type TusBody } from '@uppy/tus';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, PageLoader } from '../../app/status.tsx';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { formatAlmatyDateTime } from '../meetings/time.ts';
import { badgeStyles, TONE } from '../meetings/StatusBadge.tsx';
import {
  CHUNK_SIZE, csrfTokenOf, fetchVideos, formatBytes, RETRY_DELAYS, TUS_ENDPOINT, tusErrorMessage, VIDEO_ACCEPT, videoContentUrl, videoKeys, type Video,
} from './video.api.ts';
import { shownVideoStatus } from './video.types.ts';
import { PALETTE } from '../../app/design.ts';

interface VideoMeta extends Meta { meetingId: string; name: string; type: string }
type VideoUppy = Uppy<VideoMeta, TusBody>;
type VideoFile = UppyFile<VideoMeta, TusBody>;

/**
 * One Uppy per meeting page: tus uploads in 16 MB chunks with retries; the upload's address is
 * kept in localStorage under the file's fingerprint, so after a reload (or a lost connection)
 * choosing the same file again continues where it stopped instead of starting over.
 */
function createUploader(meetingId: string, csrfToken: () => string | null, messages: { refused: (name: string) => string }): VideoUppy {
  const uppy = new Uppy<VideoMeta, TusBody>({
    id: `videos-${meetingId}`,
    autoProceed: true,
    allowMultipleUploadBatches: true,
    restrictions: { allowedFileTypes: VIDEO_ACCEPT },
    meta: { meetingId } as VideoMeta,
    onBeforeFileAdded: (file) => ({ ...file, meta: { ...file.meta, meetingId } }),
  });
  uppy.use(Tus<VideoMeta, TusBody>, {
    endpoint: TUS_ENDPOINT,
    chunkSize: CHUNK_SIZE,
    retryDelays: RETRY_DELAYS,
    limit: 2,
    withCredentials: true,
    removeFingerprintOnSuccess: true,
    allowedMetaFields: ['meetingId', 'name', 'type'],
    // Every tus request is a write with the session cookie: the CSRF rule applies to it.
    headers: (): Record<string, string> => {
      const token = csrfToken();
      return token ? { 'X-CSRF-Token': token } : {};
    },
  });
  uppy.on('upload-error', (file, _error, response) => {
    // Show the server's own message (wrong file type, too large, not allowed) instead of tus's.
    const message = tusErrorMessage(response?.body?.xhr as XMLHttpRequest | undefined);
    if (file && message) uppy.setFileState(file.id, { error: message });
    else if (file && !message && response?.status && response.status >= 400) uppy.setFileState(file.id, { error: messages.refused(file.name ?? '') });
  });
  return uppy;
}

function UploadRow({ uppy, file }: { uppy: VideoUppy; file: VideoFile }) {
  const { t } = useTranslation('protocol');
  const language = useLanguage();
  const total = file.size ?? file.progress.bytesTotal ?? 0;
  const uploaded = file.progress.bytesUploaded || 0;
  const percent = file.progress.percentage ?? (total > 0 ? Math.round((uploaded / total) * 100) : 0);
  const done = file.progress.uploadComplete === true;
  const state = file.error ? 'error' : done ? 'complete' : file.isPaused ? 'paused' : 'uploading';
  const name = file.name ?? '';
  return (
    <Paper withBorder p="sm" component="li" data-testid="video-upload" data-state={state} data-name={name}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={600} style={{ overflowWrap: 'anywhere', minWidth: 0 }}>{name}</Text>
          <Badge color={state === 'error' ? PALETTE.danger : state === 'complete' ? TONE.green : TONE.blue} variant="filled" tt="none" styles={badgeStyles} data-testid="video-upload-state">
            {t(`video.state.${state}`)}
          </Badge>
        </Group>
        <Progress value={done ? 100 : percent} color={state === 'error' ? 'red' : undefined} aria-label={t('video.progressLabel', { name })}
          animated={state === 'uploading'} />
        <Text size="sm" c="gray.8" aria-live="polite">
          {t('video.progress', { done: formatBytes(done ? total : uploaded, language), total: formatBytes(total, language), percent: done ? 100 : percent })}
        </Text>
        {file.error && (
          <Alert color="red" icon={<IconAlertCircle aria-hidden />} p="xs" role="alert" data-testid="video-upload-error">{file.error}</Alert>
        )}
        <Group gap="xs">
          {!done && !file.error && (
            <Button size="compact-sm" variant="default" onClick={() => uppy.pauseResume(file.id)}
              leftSection={file.isPaused ? <IconPlayerPlay size={14} aria-hidden /> : <IconPlayerPause size={14} aria-hidden />}
              aria-label={`${file.isPaused ? t('video.resume') : t('video.pause')}: ${name}`}>
              {file.isPaused ? t('video.resume') : t('video.pause')}
            </Button>
          )}
          {file.error && (
            <Button size="compact-sm" variant="default" onClick={() => void uppy.retryUpload(file.id)} leftSection={<IconRefresh size={14} aria-hidden />}
              aria-label={`${t('video.retry')}: ${name}`}>
              {t('video.retry')}
            </Button>
          )}
          <Button size="compact-sm" variant="default" onClick={() => uppy.removeFile(file.id)} leftSection={<IconX size={14} aria-hidden />}
            aria-label={`${done ? t('video.hide') : t('video.cancel')}: ${name}`}>
            {done ? t('video.hide') : t('video.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function Uploader({ uppy, maxBytes }: { uppy: VideoUppy; maxBytes: number | null }) {
  const { t } = useTranslation('protocol');
  const language = useLanguage();
  const files = useUppyState(uppy, (state) => Object.values(state.files));
  const [refused, setRefused] = useState<string[]>([]);
  const [tooLarge, setTooLarge] = useState<string[]>([]);
  useEffect(() => {
    // The server refuses larger uploads too (413); checking here saves starting one.
    if (maxBytes) uppy.setOptions({ restrictions: { ...uppy.opts.restrictions, maxFileSize: maxBytes } });
  }, [uppy, maxBytes]);
  useEffect(() => {
    const onRefused = (file: VideoFile | undefined) => {
      const name = file?.name ?? '';
      if (maxBytes && file?.size && file.size > maxBytes) setTooLarge((list) => [...list, name]);
      else setRefused((list) => [...list, name]);
    };
    uppy.on('restriction-failed', onRefused);
    return () => { uppy.off('restriction-failed', onRefused); };
  }, [uppy, maxBytes]);
  const add = (chosen: File[]) => {
    setRefused([]);
    setTooLarge([]);
    for (const data of chosen) {
      try {
        uppy.addFile({ name: data.name, type: data.type, data, source: 'file-input' });
      } catch {
        // The restriction error is reported through `restriction-failed`; a file added twice is ignored.
      }
    }
  };
  return (
    <Stack gap="sm">
      <Group gap="sm" wrap="wrap">
        <FileButton onChange={add} accept={VIDEO_ACCEPT.join(',')} multiple inputProps={{ 'data-testid': 'video-input', 'aria-label': t('video.choose') } as object}>
          {(props) => <Button {...props} leftSection={<IconUpload size={16} aria-hidden />} data-testid="video-choose">{t('video.choose')}</Button>}
        </FileButton>
      </Group>
      <Text size="sm" c="gray.8">{t('video.hint')}</Text>
      {refused.length > 0 && (
        <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert" data-testid="video-refused">
          {t('video.notVideo', { names: refused.join(', ') })}
        </Alert>
      )}
      {tooLarge.length > 0 && maxBytes && (
        <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert" data-testid="video-too-large">
          {t('video.tooLarge', { names: tooLarge.join(', '), max: formatBytes(maxBytes, language) })}
        </Alert>
      )}
      {files.length > 0 && (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('video.uploadsLabel')}>
          {files.map((file) => <UploadRow key={file.id} uppy={uppy} file={file} />)}
        </Stack>
      )}
    </Stack>
  );
}

function VideoItem({ video }: { video: Video }) {
  const { t } = useTranslation('protocol');
  const language = useLanguage();
  const complete = video.status === 'complete';
  const when = video.completedAt ?? video.uploadedAt;
  const status = shownVideoStatus(video);
  return (
    <Paper withBorder p="sm" component="li" data-testid="video-item" data-status={status} data-name={video.fileName}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={600} style={{ overflowWrap: 'anywhere', minWidth: 0 }}>{video.fileName}</Text>
          <Badge color={complete ? TONE.green : PALETTE.neutral} variant="filled" tt="none" styles={badgeStyles}>{t(`video.status.${status}`)}</Badge>
        </Group>
        <Text size="sm">
          {formatBytes(video.size, language)}
          {' · '}{formatAlmatyDateTime(when, language)}
          {video.uploadedBy && <> · {video.uploadedBy.name}</>}
        </Text>
        {video.sha256 && (
          <Group gap="xs" wrap="nowrap" align="center">
            <Text size="sm" ff="monospace" title={video.sha256} data-testid="video-sha256" data-value={video.sha256}>
              SHA-256 {video.sha256.slice(0, 12)}…
            </Text>
            <CopyButton value={video.sha256} timeout={2000}>
              {({ copied, copy }) => (
                <Button size="compact-xs" variant={copied ? 'filled' : 'light'} color={copied ? TONE.green : undefined} onClick={copy}
                  leftSection={copied ? <IconCheck size={12} aria-hidden /> : <IconCopy size={12} aria-hidden />}
                  aria-label={`${copied ? t('video.copied') : t('video.copyHash')}: ${video.fileName}`}>
                  {copied ? t('video.copied') : t('video.copyHash')}
                </Button>
              )}
            </CopyButton>
          </Group>
        )}
        {complete && (
          // Range requests: the browser fetches the metadata now and the rest as it plays.
          <video controls preload="metadata" src={videoContentUrl(video.id)} aria-label={t('video.playerLabel', { name: video.fileName })}
            style={{ width: '100%', maxHeight: 360, background: PALETTE.backdrop }} data-testid="video-player" />
        )}
      </Stack>
    </Paper>
  );
}

/**
 * the meeting's video recordings — several files (a camera splits long recordings),
 * uploaded resumably over tus, each with its size and SHA-256, played back in the page.
 */
export function VideoPanel({ meetingId, canUpload }: { meetingId: string; canUpload: boolean }) {
  const { t } = useTranslation('protocol');
  const queryClient = useQueryClient();
  const videos = useQuery({ queryKey: videoKeys.list(meetingId), queryFn: ({ signal }) => fetchVideos(meetingId, signal) });
  const [uppy, setUppy] = useState<VideoUppy | null>(null);
  // A change of language must not restart the uploader (and its uploads): messages are read when needed.
  const translate = useRef(t);
  translate.current = t;
  useEffect(() => {
    if (!canUpload) return undefined;
    const instance = createUploader(meetingId, () => csrfTokenOf(queryClient), { refused: (name) => translate.current('video.refused', { name }) });
    const refresh = () => void queryClient.invalidateQueries({ queryKey: videoKeys.list(meetingId) });
    instance.on('upload-success', refresh);
    instance.on('upload-error', refresh);
    setUppy(instance);
    return () => {
      instance.destroy();
      setUppy(null);
    };
  }, [meetingId, canUpload, queryClient]);

  const list = videos.data?.items ?? [];
  return (
    <Stack gap="md" data-testid="video-panel">
      {canUpload && uppy && <Uploader uppy={uppy} maxBytes={videos.data?.maxBytes ?? null} />}
      <section aria-labelledby="video-list-title">
        <Title order={3} size="h5" id="video-list-title" mb="xs">{t('video.listTitle', { count: list.length })}</Title>
        {videos.isPending && <PageLoader />}
        {videos.isError && <ErrorAlert error={videos.error} onRetry={() => void videos.refetch()} />}
        {videos.isSuccess && list.length === 0 && <Text size="sm" data-testid="video-none">{t('video.none')}</Text>}
        {list.length > 0 && (
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} data-testid="video-list">
            {list.map((video) => <VideoItem key={video.id} video={video} />)}
          </Stack>
        )}
      </section>
    </Stack>
  );
}
