import React, { FormEvent, useCallback, useEffect, useState } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Alert, Badge, Button, ConfirmButton, Field, Input, LinkButton, LoadingPlaceholder, useStyles2 } from '@grafana/ui';

import { appHref, ROUTES } from '../constants';
import type { LogAtlasDataSource } from '../datasource/datasource';
import { errorText } from '../datasource/engineErrors';
import { Watch } from '../datasource/types';
import { getListStyles } from '../components/listStyles';

const NAME_RE = /^[A-Za-z0-9_.-]{1,64}$/;

/** The engine's watches with their state, cursor and error; create, change the selector of, delete. */
export function WatchesPage({ ds }: { ds: LogAtlasDataSource }) {
  const styles = useStyles2(getStyles);
  const [watches, setWatches] = useState<Watch[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const reload = useCallback(() => ds.getWatches().then(setWatches, (e) => setError(errorText(e))), [ds]);
  useEffect(() => {
    reload();
  }, [reload]);

  const act = async (what: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await what();
    } catch (e) {
      setError(errorText(e));
    }
    await reload();
  };

  return (
    <div className={styles.page} data-testid="logatlas-watches">
      <p className={styles.hint}>
        A watch is a named LogQL log query the engine follows. A changed query is read from where the watch has counted to; its counts, templates and feedback
        stay.
      </p>
      {error && <Alert severity="error" title={error} onRemove={() => setError(undefined)} />}
      {!watches && !error && <LoadingPlaceholder text="Reading watches…" />}
      {watches?.length === 0 && <Alert severity="info" title="The engine follows no watch yet: create one below." />}
      <ul className={styles.list} aria-label="Watches">
        {watches?.map((w) => (
          <WatchItem
            key={w.name}
            watch={w}
            onDelete={() => act(() => ds.deleteWatch(w.name))}
            onChangeSelector={(selector) => act(() => ds.editWatch(w.name, selector))}
          />
        ))}
      </ul>
      <NewWatchForm onCreate={(name, selector) => act(() => ds.createWatch({ name, selector }))} taken={watches?.map((w) => w.name) ?? []} />
    </div>
  );
}

function WatchItem({ watch: w, onDelete, onChangeSelector }: { watch: Watch; onDelete: () => void; onChangeSelector: (s: string) => void }) {
  const styles = useStyles2(getStyles);
  const [editing, setEditing] = useState(false);
  const [selector, setSelector] = useState(w.selector);
  return (
    <li className={styles.item} data-testid="logatlas-watch" data-name={w.name}>
      <div className={styles.head}>
        <strong>{w.name}</strong>
        {w.state && <Badge text={w.state} color={w.state === 'error' ? 'red' : w.state === 'following' ? 'green' : 'blue'} />}
        <span className={styles.meta}>{w.cursorMs ? `read up to ${new Date(w.cursorMs).toLocaleString()}` : 'nothing read yet'}</span>
      </div>
      {editing ? (
        <form
          className={styles.row}
          onSubmit={(e) => {
            e.preventDefault();
            setEditing(false);
            if (selector.trim() && selector.trim() !== w.selector) {
              onChangeSelector(selector.trim());
            }
          }}
        >
          <Input aria-label={`Selector of ${w.name}`} value={selector} onChange={(e) => setSelector(e.currentTarget.value)} />
          <Button type="submit" size="sm">
            Save
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setEditing(false)}>
            Cancel
          </Button>
        </form>
      ) : (
        <code className={styles.selector}>{w.selector}</code>
      )}
      {w.error && <Alert severity="error" title={w.error} />}
      <div className={styles.row}>
        <LinkButton size="sm" variant="secondary" icon="apps" href={appHref(ROUTES.overview, { 'var-watch': w.name })}>
          Overview
        </LinkButton>
        {!editing && (
          <Button size="sm" variant="secondary" icon="pen" onClick={() => setEditing(true)}>
            Edit selector
          </Button>
        )}
        <ConfirmButton size="sm" confirmText={`Delete ${w.name}`} confirmVariant="destructive" onConfirm={onDelete}>
          Delete
        </ConfirmButton>
      </div>
    </li>
  );
}

function NewWatchForm({ onCreate, taken }: { onCreate: (name: string, selector: string) => void; taken: string[] }) {
  const styles = useStyles2(getStyles);
  const [name, setName] = useState('');
  const [selector, setSelector] = useState('');
  const nameError = name && !NAME_RE.test(name) ? 'letters, digits, _ . - (at most 64)' : taken.includes(name) ? 'a watch has this name' : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!nameError && name && selector.trim()) {
      onCreate(name, selector.trim());
      setName('');
      setSelector('');
    }
  };
  return (
    <form onSubmit={submit} className={styles.form} aria-label="New watch">
      <Field label="Name" invalid={!!nameError} error={nameError} className={styles.field}>
        <Input id="logatlas-new-watch-name" value={name} placeholder="auth" onChange={(e) => setName(e.currentTarget.value)} />
      </Field>
      <Field label="Selector" description="LogQL: a stream selector, optionally line filters" className={styles.grow}>
        <Input id="logatlas-new-watch-selector" value={selector} placeholder='{job="sshd"} |= "Failed"' onChange={(e) => setSelector(e.currentTarget.value)} />
      </Field>
      <Button type="submit" icon="plus" disabled={!name || !!nameError || !selector.trim()}>
        Create watch
      </Button>
    </form>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  ...getListStyles(theme),
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2), maxWidth: 1000 }),
  hint: css({ color: theme.colors.text.secondary, margin: 0 }),
  item: css({
    padding: theme.spacing(1.5),
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.secondary,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  }),
  selector: css({ alignSelf: 'flex-start' }),
  row: css({ display: 'flex', gap: theme.spacing(1), alignItems: 'center' }),
  form: css({ display: 'flex', gap: theme.spacing(1), alignItems: 'flex-end' }),
  field: css({ marginBottom: 0 }),
  grow: css({ flexGrow: 1, marginBottom: 0 }),
});
