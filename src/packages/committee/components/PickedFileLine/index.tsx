import { Text, View } from '@tarojs/components';
import { formatBytes } from '../../services/roster-file-rules';

interface Props {
  file: { name: string; size: number };
  /** Test hook added to the file name (`<hook>-file-name`), e.g. roster, credit-import. */
  hook: string;
}

/** The file picked for an import: its kind (CSV / XLSX), name and size; shared by the roster and credit imports. */
export default function PickedFileLine({ file, hook }: Props) {
  return (
    <View className='roster-page__file'>
      <Text className='roster-page__file-ext'>{file.name.toLowerCase().endsWith('.csv') ? 'CSV' : 'XLSX'}</Text>
      <View className='roster-page__file-body'>
        <Text className={`roster-page__file-name ${hook}-file-name`}>{file.name}</Text>
        <Text className='roster-page__file-size'>{formatBytes(file.size)}</Text>
      </View>
    </View>
  );
}
