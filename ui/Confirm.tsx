/**
 * The one confirmation component: it draws whichever dialog is open (a signal
 * or held-file truncation, a service action, a block, journal, delete or path
 * truncation) with the same No / Yes answer, No by default.
 */
import type { Dialog } from '../src/view/view-state.js';
import { ActionConfirmDialog } from './ActionConfirmDialog.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { UnitConfirmDialog } from './UnitConfirmDialog.js';

/** Props of the confirmation. */
export interface ConfirmProps {
  readonly dialog: Dialog;
  readonly width: number;
  readonly height: number;
}

/** Draws the open dialog by its kind. */
export function Confirm({ dialog, width, height }: ConfirmProps) {
  if (dialog.kind === 'action') return <ActionConfirmDialog dialog={dialog} width={width} height={height} />;
  if (dialog.kind === 'service') return <UnitConfirmDialog dialog={dialog} width={width} height={height} />;
  return <ConfirmDialog dialog={dialog} width={width} height={height} />;
}
