import sprites from 'bootstrap-italia/dist/svg/sprites.svg';

type IconProps = {
  name: string;
  className?: string;
};

/** A decorative bootstrap-italia icon: the text next to it carries the meaning. */
export function Icon({ name, className }: IconProps) {
  return (
    <svg className={className ? `icon ${className}` : 'icon'} aria-hidden="true" focusable="false">
      <use href={`${sprites}#${name}`} />
    </svg>
  );
}
