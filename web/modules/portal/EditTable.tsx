import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TableScroll } from '../../ui/TableScroll.tsx';

export type Column<T> = { header: string; cell: (row: T) => ReactNode; lang?: (row: T) => string };

/** A table of the portal's texts with a button on each row that opens it in the editor below. */
export function EditTable<T>(props: {
  label: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  editLabel: (row: T) => string;
  onEdit: (row: T) => void;
}) {
  const { t } = useTranslation();
  return (
    <TableScroll label={props.label}>
      <table className="table">
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th scope="col" key={column.header}>
                {column.header}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">{t('portal.sheets.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={props.rowKey(row)}>
              {props.columns.map((column) => (
                <td key={column.header} lang={column.lang?.(row)}>
                  {column.cell(row)}
                </td>
              ))}
              <td>
                <button
                  type="button"
                  className="btn btn-sm btn-outline-primary"
                  onClick={() => props.onEdit(row)}
                >
                  {props.editLabel(row)}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
